using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BlogModular.Testing;

namespace BlogModular.Observability.Tests;

/// <summary>The review flow through the REST API, against one host (both modules) or one host per module.</summary>
public static class Flow
{
    public static readonly TimeSpan MessageTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Creates a post, waits for its approval request, starts and decides the review, waits for the outcome.</summary>
    public static async Task<Guid> CreateAndDecideAsync(HttpClient blogging, HttpClient approvals, string outcome, string? reason = null)
    {
        var created = await blogging.PostAsJsonAsync("/api/posts", new { title = "Traced " + outcome, category = "general", content = "Body" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var postId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();

        var request = await Eventually.GetAsync(async () =>
            (await approvals.GetFromJsonAsync<JsonObject>($"/api/approvals?postId={postId}"))!["items"]!.AsArray().SingleOrDefault()?.AsObject(),
            MessageTimeout, $"approval request for post {postId}");
        var approvalId = request["id"]!.GetValue<Guid>();

        (await approvals.PostAsync($"/api/approvals/{approvalId}/start", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var decided = await approvals.PostAsJsonAsync($"/api/approvals/{approvalId}/decision", new { status = outcome, reason });
        decided.StatusCode.ShouldBe(HttpStatusCode.OK, await decided.Content.ReadAsStringAsync());

        var expected = outcome == "Approved" ? "Published" : "Rejected";
        await Eventually.GetAsync(async () =>
            (await blogging.GetFromJsonAsync<JsonObject>($"/api/posts/{postId}"))!["status"]!.GetValue<string>() == expected ? "" : null,
            MessageTimeout, $"post {postId} to be {expected}");
        return postId;
    }
}
