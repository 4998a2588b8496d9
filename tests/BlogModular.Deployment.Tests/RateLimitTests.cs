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
    }
}
