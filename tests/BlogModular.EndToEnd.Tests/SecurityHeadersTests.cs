using System.Net;
using System.Text.Json.Nodes;
using BlogModular.Host.Platform.Edge;

namespace BlogModular.EndToEnd.Tests;

[Collection(HostGroup.Name)]
public sealed class SecurityHeadersTests(AppFixture app)
{
    private readonly HttpClient _http = app.Host.Server.CreateClient();

    [Theory]
    [InlineData("/")]
    [InlineData("/account/login")]
    [InlineData("/no-such-page")]
    [InlineData("/api/posts")]
    [InlineData("/api/posts/not-a-guid")]
    [InlineData("/health/ready")]
    public async Task Every_response_forbids_inline_script_framing_and_sniffing(string path)
    {
        var response = await _http.GetAsync(path);

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        policy.ShouldBe(SecurityHeaders.ContentSecurityPolicy);
        Directive(policy, "script-src").ShouldBe("'self'");
        Directive(policy, "frame-ancestors").ShouldBe("'none'");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("same-origin");
    }

    [Fact]
    public async Task Only_the_api_reference_may_run_its_inline_script()
    {
        var response = await _http.GetAsync("/scalar/");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Directive(policy, "script-src").ShouldBe("'self' 'unsafe-inline'");
        Directive(policy, "frame-ancestors").ShouldBe("'none'");
    }

    [Fact]
    public async Task Readiness_answers_without_detail_from_a_result_cached_for_a_second()
    {
        var first = await _http.GetAsync("/health/ready");
        var second = await _http.GetAsync("/health/ready");

        (await first.Content.ReadAsStringAsync()).ShouldBe("Healthy");
        (await second.Content.ReadAsStringAsync()).ShouldBe("Healthy");
        second.Headers.Age.ShouldNotBeNull("the second probe within a second is answered from the output cache");
    }

    [Fact]
    public async Task Detailed_health_names_each_check_where_management_endpoints_are_served()
    {
        // Development without Management:Port serves them on the main port (the Production case: Deployment tests).
        var detail = JsonNode.Parse(await _http.GetStringAsync(ManagementSetup.DetailedHealthPath))!;

        detail["status"]!.GetValue<string>().ShouldBe("Healthy");
        detail["checks"]!["postgresql"]!["status"]!.GetValue<string>().ShouldBe("Healthy");
        detail["checks"]!["kafka"]!["description"]!.GetValue<string>().ShouldContain("broker");
    }

    private static string Directive(string policy, string name) =>
        policy.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith(name + " ", StringComparison.Ordinal))[(name.Length + 1)..];
}
