using System.Net;
using System.Net.Http.Json;
using BlogModular.Approvals.Domain;
using BlogModular.Approvals.Features.Requests;
using BlogModular.Approvals.Features.Reviews;
using BlogModular.Blogging.Features.Posts;
using BlogModular.BuildingBlocks.Web;
using BlogModular.Testing;

namespace BlogModular.EndToEnd.Tests;

/// <summary>The REST API as a client sees it, plus waits for the asynchronous hops.</summary>
public sealed class Api(HttpClient http)
{
    /// <summary>Generous: the first message after startup pays Wolverine's runtime code generation.</summary>
    public static readonly TimeSpan MessageTimeout = TimeSpan.FromSeconds(30);

    public HttpClient Http { get; } = http;

    /// <summary>The signed-in account's e-mail, when there is one.</summary>
    public string? Email { get; init; }

    public async Task<PostResponse> CreatePostAsync(
        string title = "A post", string content = "Some content", string category = "general", string? summary = null)
    {
        var response = await Http.PostAsJsonAsync(PostRoutes.Posts, new { title, summary, category, content });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var post = (await response.Content.ReadFromJsonAsync<PostResponse>())!;
        response.Headers.Location!.ToString().ShouldBe(PostRoutes.For(post.Id));
        return post;
    }

    public async Task<PostResponse?> GetPostAsync(Guid id)
    {
        var response = await Http.GetAsync(PostRoutes.For(id));
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadFromJsonAsync<PostResponse>();
    }

    public async Task<Page<PostResponse>> FeedAsync(string query = "") =>
        (await Http.GetFromJsonAsync<Page<PostResponse>>(PostRoutes.Posts + query))!;

    public async Task<IReadOnlyList<ApprovalResponse>> ApprovalsForPostAsync(Guid postId) =>
        (await Http.GetFromJsonAsync<Page<ApprovalResponse>>($"{ApprovalRoutes.Approvals}?postId={postId}"))!.Items;

    public Task<ApprovalResponse> WaitForApprovalRequestAsync(Guid postId, TimeSpan? timeout = null) =>
        Eventually.GetAsync(async () => (await ApprovalsForPostAsync(postId)).SingleOrDefault(), timeout ?? MessageTimeout);

    public Task<PostResponse> WaitForPostAsync(Guid id, Func<PostResponse, bool> condition) =>
        Eventually.GetAsync(async () => await GetPostAsync(id) is { } post && condition(post) ? post : null, MessageTimeout);

    public async Task<ApprovalResponse> StartAsync(Guid approvalId) =>
        await OkAsync<ApprovalResponse>(await Http.PostAsync(ApprovalRoutes.For(approvalId) + "/start", null));

    public async Task<ApprovalResponse> TakeOverAsync(Guid approvalId) =>
        await OkAsync<ApprovalResponse>(await Http.PostAsync(ApprovalRoutes.For(approvalId) + "/takeover", null));

    public async Task<ApprovalResponse> GetApprovalAsync(Guid approvalId) =>
        await OkAsync<ApprovalResponse>(await Http.GetAsync(ApprovalRoutes.For(approvalId)));

    public async Task<ApprovalResponse> DecideAsync(Guid approvalId, string status, string? reason = null) =>
        await OkAsync<ApprovalResponse>(await Http.PostAsJsonAsync(ApprovalRoutes.For(approvalId) + "/decision", new { status, reason }));

    private static async Task<T> OkAsync<T>(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }
}
