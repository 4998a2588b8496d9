using System.Net;
using System.Net.Http.Json;

namespace BlogModular.Deployment.Tests;

[Collection(DeploymentGroup.Name)]
public sealed class RateLimitTests(Deployment deployment)
{
    [Fact]
    public async Task Login_attempts_beyond_the_limit_get_429_with_retry_after()
    {
        // Its own process with a tiny limit, so the other tests' logins are not throttled.
        var limited = await deployment.StartModuleAsync("blogging-limited", blogging: true, approvals: false,
            new Dictionary<string, string> { ["Accounts__RateLimit__PermitLimit"] = "3", ["Accounts__RateLimit__WindowSeconds"] = "60" });
        using var http = limited.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++)
        {
            last = await http.PostAsJsonAsync("/api/auth/login", new { email = "nobody@example.test", password = "wrong" });
            statuses.Add(last.StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests]);
        last.Headers.RetryAfter.ShouldNotBeNull();
        last.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await http.GetAsync("/api/posts")).StatusCode.ShouldBe(HttpStatusCode.OK, "only the account endpoints are limited");

        // No proxy is configured here, so a client cannot name another address to escape its limit.
        using var spoofed = new HttpRequestMessage(HttpMethod.Post, "/api/auth/forgotPassword") { Content = JsonContent.Create(new { email = "nobody@example.test" }) };
        spoofed.Headers.Add("X-Forwarded-For", "203.0.113.99");
        (await http.SendAsync(spoofed)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Each_author_may_submit_only_so_many_posts_per_window()
    {
        var limited = await deployment.StartModuleAsync("blogging-writing-limited", blogging: true, approvals: false,
            new Dictionary<string, string> { ["RateLimits__Writing__PermitLimit"] = "2", ["RateLimits__Writing__WindowSeconds"] = "60" });
        using var author = await limited.SignedInAsync(Deployment.AuthorEmail);
        using var other = await limited.SignedInAsync(Deployment.ReviewerEmail);

        await author.CreatePostAsync("Limited 1");
        await author.CreatePostAsync("Limited 2");
        var third = await author.PostAsJsonAsync("/api/posts", new { title = "Limited 3", category = "general", content = "x" });

        third.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        third.Headers.RetryAfter.ShouldNotBeNull();
        third.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        await other.CreatePostAsync("Another author is not limited by the first");
    }
}
