using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BlogModular.Testing;

namespace BlogModular.Deployment.Tests;

/// <summary>Just enough of the REST API, as JSON, to drive the flows against running processes.</summary>
public static class Client
{
    public static readonly TimeSpan MessageTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A client of <paramref name="process"/> carrying a bearer token issued by <paramref name="issuer"/>.</summary>
    public static async Task<HttpClient> SignedInAsync(this HostProcess process, string email, HostProcess? issuer = null)
    {
        using var login = (issuer ?? process).CreateClient();
        var response = await login.PostAsJsonAsync("/api/auth/login", new { email, password = Deployment.Password });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        var http = process.CreateClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public static async Task<Guid> CreatePostAsync(this HttpClient http, string title)
    {
        var response = await http.PostAsJsonAsync("/api/posts", new { title, category = "general", content = "Body of " + title });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    public static async Task<JsonObject> WaitForApprovalAsync(this HttpClient http, Guid postId) =>
        await Eventually.GetAsync(async () =>
        {
            var page = await http.GetFromJsonAsync<JsonObject>($"/api/approvals?postId={postId}");
            return page!["items"]!.AsArray().SingleOrDefault()?.AsObject();
        }, MessageTimeout, $"approval request for post {postId}");

    public static async Task<JsonObject> WaitForPostStatusAsync(this HttpClient http, Guid postId, string status) =>
        await Eventually.GetAsync(async () =>
        {
            var post = await http.GetFromJsonAsync<JsonObject>($"/api/posts/{postId}");
            return post!["status"]!.GetValue<string>() == status ? post : null;
        }, MessageTimeout, $"post {postId} to be {status}");

    public static async Task<JsonObject> ReviewAsync(this HttpClient http, Guid approvalId, string status, string? reason = null)
    {
        (await http.PostAsync($"/api/approvals/{approvalId}/start", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var response = await http.PostAsJsonAsync($"/api/approvals/{approvalId}/decision", new { status, reason });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static Guid Id(this JsonObject resource) => resource["id"]!.GetValue<Guid>();

    public static string Text(this JsonObject resource, string name) =>
        resource[name] is { } node && node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : "";
}
