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

    /// <summary>The request for the post's <paramref name="revision"/>, once it has arrived.</summary>
    public Task<ApprovalResponse> WaitForApprovalRequestAsync(Guid postId, TimeSpan? timeout = null, int revision = 1) =>
        Eventually.GetAsync(async () => (await ApprovalsForPostAsync(postId)).SingleOrDefault(r => r.Revision == revision), timeout ?? MessageTimeout);

    /// <summary>PUT of a new revision; <paramref name="ifMatch"/> is sent as is (null: no If-Match).</summary>
    public async Task<HttpResponseMessage> ReviseAsync(
        Guid id, string? ifMatch, string title = "A revised post", string content = "Revised content", string category = "general", string? summary = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, PostRoutes.For(id)) { Content = JsonContent.Create(new { title, summary, category, content }) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>A successful PUT of a new revision, naming <paramref name="revision"/> in If-Match.</summary>
    public async Task<PostResponse> ReviseAsync(Guid id, int revision, string title, string content = "Revised content") =>
        await OkAsync<PostResponse>(await ReviseAsync(id, $"\"{revision}\"", title, content));

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
