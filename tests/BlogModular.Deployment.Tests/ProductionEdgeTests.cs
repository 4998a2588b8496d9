using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BlogModular.Testing;

namespace BlogModular.Deployment.Tests;

/// <summary>
/// One all-in-one process in the Production environment, configured as compose.yaml configures it (a management
/// port, no API docs), on plain http on the loopback interface: what a public client can and cannot reach.
/// </summary>
[Collection(DeploymentGroup.Name)]
public sealed class ProductionEdgeTests(Deployment deployment)
{
    private static readonly SemaphoreSlim Start = new(1, 1);
    private static (HostProcess Host, int ManagementPort)? _production;

    [Fact]
    public async Task Metrics_and_detailed_health_are_only_on_the_management_port()
    {
        var (host, managementPort) = await ProductionAsync();
        using var http = host.CreateClient();
        using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{managementPort}") };

        (await http.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await http.GetAsync("/health/detail")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using (var forged = new HttpRequestMessage(HttpMethod.Get, "/metrics"))
        {
            forged.Headers.Host = $"127.0.0.1:{managementPort}";
            (await http.SendAsync(forged)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the Host header does not pick the management port");
        }

        (await management.GetStringAsync("/metrics")).ShouldContain("http_server_request_duration");
        var detail = JsonNode.Parse(await management.GetStringAsync("/health/detail"))!;
        detail["checks"]!["postgresql"]!["status"]!.GetValue<string>().ShouldBe("Healthy");
        (await management.GetAsync("/api/posts")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the management port serves nothing else");
        (await http.GetStringAsync("/health/ready")).ShouldBe("Healthy");
    }

    [Fact]
    public async Task Api_docs_are_off_and_every_page_carries_the_security_headers()
    {
        var (host, _) = await ProductionAsync();
        using var http = host.CreateClient();

        (await http.GetAsync("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await http.GetAsync("/scalar/")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var page = await http.GetAsync("/");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'");
        page.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
    }

    [Fact]
    public async Task Mail_links_and_their_tokens_never_reach_the_log()
    {
        var (host, _) = await ProductionAsync();
        using var http = host.CreateClient();
        var email = $"logs.{Guid.NewGuid():N}@example.test";

        var signUp = await http.PostAsJsonAsync("/api/auth/signup", new { email, displayName = "Lena", password = Deployment.Password });
        signUp.StatusCode.ShouldBe(HttpStatusCode.Accepted, await signUp.Content.ReadAsStringAsync());

        await host.WaitForLineAsync("Confirm your BlogModular account", TimeSpan.FromSeconds(30));
        host.Lines.ShouldNotContain(line => line.Contains("code=", StringComparison.Ordinal) || line.Contains(email, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Production_refuses_to_start_without_a_public_address_and_says_why()
    {
        var environment = deployment.Environment(blogging: true, approvals: true,
            Deployment.ProductionSettings(HostProcess.FreePort(), HostProcess.FreePort()));
        environment.Remove("App__PublicBaseUrl");
        await using var host = HostProcess.Start("no-public-address", environment, HostProcess.FreePort());

        (await host.WaitForExitAsync(TimeSpan.FromSeconds(90))).ShouldBe(2);
        host.ErrorLines.ShouldContain(line => line.StartsWith("App:PublicBaseUrl is required outside Development", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_the_public_host_is_answered()
    {
        var (host, _) = await ProductionAsync();
        using var http = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "evil.example.test";

        (await http.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    /// <summary>Started once for the class, stopped with the deployment.</summary>
    private async Task<(HostProcess Host, int ManagementPort)> ProductionAsync()
    {
        await Start.WaitAsync();
        try
        {
            if (_production is null)
            {
                var (port, managementPort) = (HostProcess.FreePort(), HostProcess.FreePort());
                var host = await deployment.StartModuleAsync("production-edge", blogging: true, approvals: true,
                    Deployment.ProductionSettings(port, managementPort), port);
                _production = (host, managementPort);
            }

            return _production.Value;
        }
        finally
        {
            Start.Release();
        }
    }
}
