using System.Net;
using System.Net.Http.Json;
using BlogModular.Blogging.Features.Posts;

namespace BlogModular.EndToEnd.Tests;

[Collection(HostGroup.Name)]
public sealed class IdempotencyKeyTests(AppFixture app) : IAsyncLifetime
{
    private Api _author = null!;
    private Api _reviewer = null!;

    public async Task InitializeAsync()
    {
        _author = await app.SignedInAsync("Ann");
        _reviewer = await app.SignedInAsync("Rita", reviewer: true);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_retry_with_the_same_key_and_body_returns_the_original_post_and_creates_nothing_new()
    {
        var key = Guid.NewGuid().ToString();

        var first = await SubmitAsync(key, "Retried", "Same body");
        var retry = await SubmitAsync(key, "Retried", "Same body");

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        var original = (await first.Content.ReadFromJsonAsync<PostResponse>())!;
        (await retry.Content.ReadFromJsonAsync<PostResponse>())!.Id.ShouldBe(original.Id);
        retry.Headers.Location.ShouldBe(first.Headers.Location);

        await _reviewer.WaitForApprovalRequestAsync(original.Id);
        // A later post from the same author is a witness that any second event would have arrived by now.
        var witness = await _author.CreatePostAsync(title: "Witness");
        await _reviewer.WaitForApprovalRequestAsync(witness.Id);
        (await app.ScalarAsync<long>("select count(*) from blogging.posts where title = 'Retried' and author_id = (select author_id from blogging.posts where id = $1)", original.Id)).ShouldBe(1);
        (await app.ScalarAsync<long>("select count(*) from approvals.approval_requests where post_id = $1", original.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_refused_with_422()
    {
        var key = Guid.NewGuid().ToString();
        (await SubmitAsync(key, "First", "Body")).StatusCode.ShouldBe(HttpStatusCode.Created);

        var reused = await SubmitAsync(key, "Second", "Another body");

        reused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        reused.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await app.ScalarAsync<long>("select count(*) from blogging.posts where title = 'Second'")).ShouldBe(0);
    }

    [Fact]
    public async Task Keys_belong_to_their_author()
    {
        var key = Guid.NewGuid().ToString();
        var other = await app.SignedInAsync("Otto");

        var mine = await SubmitAsync(key, "Shared key", "Body");
        using var request = new HttpRequestMessage(HttpMethod.Post, PostRoutes.Posts) { Content = JsonContent.Create(new { title = "Shared key", category = "general", content = "Body" }) };
        request.Headers.Add(SubmitPostEndpoint.IdempotencyKeyHeader, key);
        var theirs = await other.Http.SendAsync(request);

        theirs.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await theirs.Content.ReadFromJsonAsync<PostResponse>())!.Id.ShouldNotBe((await mine.Content.ReadFromJsonAsync<PostResponse>())!.Id);
    }

    private async Task<HttpResponseMessage> SubmitAsync(string key, string title, string content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, PostRoutes.Posts) { Content = JsonContent.Create(new { title, category = "general", content }) };
        request.Headers.Add(SubmitPostEndpoint.IdempotencyKeyHeader, key);
        return await _author.Http.SendAsync(request);
    }
}
