using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Alba;
using BlogModular.Approvals.Contracts;
using BlogModular.Blogging.Contracts;
using BlogModular.DevTools;
using BlogModular.Testing;
using Microsoft.AspNetCore.Hosting;
using Xunit.Abstractions;

namespace BlogModular.Reliability.Tests;

/// <summary>
/// PostgreSQL stopped under a running host: the API answers 503 ProblemDetails at once instead of hanging or
/// failing with 500, and the host recovers by itself when the database is back. Its own cluster and broker,
/// since stopping the database would break any other test sharing them.
/// </summary>
public sealed class DatabaseOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private PostgresServer _postgres = null!;
    private EmbeddedKafkaBroker _broker = null!;
    private IAlbaHost _host = null!;

    public async Task InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        _broker = EmbeddedKafkaBroker.Start();
        foreach (var topic in BlogModular.Host.Modules.Topics)
        {
            _broker.CreateTopic(topic, 3);
        }
        var logins = new DatabaseLogins(_postgres.ConnectionString, BlogModular.Host.Modules.All.Select(m => m.ConnectionStringName));
        await logins.MigrateAsync(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Kafka__BootstrapServers"] = _broker.BootstrapServers, ["Kafka__AutoProvision"] = "false" });
        _host = await AlbaHost.For<Program>(web => web
            .UseEnvironment("Development")
            .UseSettings(logins.Settings())
            .UseSetting("Kafka:BootstrapServers", _broker.BootstrapServers)
            .UseSetting("Kafka:AutoProvision", "false")
            .UseSetting("Mail:PickupDirectory", Directory.CreateTempSubdirectory("blogmodular-mail-").FullName)
            // A message caught in flight by the outage is re-announced by the self-healing check.
            .UseSetting("Blogging:Reannouncement:After", "00:00:05"));
        await TestAccounts.AddUserAsync(new Dictionary<string, string>(logins.Environment())
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Kafka__BootstrapServers"] = _broker.BootstrapServers,
            ["Kafka__AutoProvision"] = "false",
        }, "rita@example.test", "Rita", reviewer: true);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _broker.Dispose();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task With_postgresql_stopped_the_api_answers_503_problem_details_and_recovers_when_it_is_back()
    {
        var client = _host.Server.CreateClient();
        // A guard against hanging requests, far above the answer times printed below.
        client.Timeout = TimeSpan.FromSeconds(30);
        var http = await client.SignInAsync("rita@example.test");
        (await http.PostAsJsonAsync("/api/posts", new { title = "Before", category = "general", content = "c" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        await _postgres.StopServerAsync();
        try
        {
            foreach (var (method, path) in new[] { ("GET", "/api/posts"), ("POST", "/api/posts"), ("GET", "/api/me/posts"), ("GET", "/api/approvals"), ("GET", "/health/ready") })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path)
                {
                    Content = method == "POST" ? JsonContent.Create(new { title = "During", category = "general", content = "c" }) : null,
                };
                var watch = Stopwatch.StartNew();
                var response = await http.SendAsync(request);
                output.WriteLine($"{method} {path} with PostgreSQL down: {(int)response.StatusCode} after {watch.ElapsedMilliseconds} ms");

                response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, $"{method} {path}");
                if (path.StartsWith("/api", StringComparison.Ordinal))
                {
                    response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
                    (await response.Content.ReadAsStringAsync()).ShouldNotContain("   at ");
                }
            }
        }
        finally
        {
            await _postgres.RestartServerAsync();
        }

        // Back by itself: no restart of the host.
        await Eventually.HoldsAsync(async () => (await http.GetAsync("/api/posts")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the API to answer again");
        var after = await http.PostAsJsonAsync("/api/posts", new { title = "After", category = "general", content = "c" });
        after.StatusCode.ShouldBe(HttpStatusCode.Created);

        // Nothing half-written: the post refused during the outage does not exist; the others reach review.
        var titles = await Eventually.GetAsync(async () =>
        {
            var page = await http.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/approvals?limit=100");
            var found = page!["items"]!.AsArray().Select(i => i!["title"]!.GetValue<string>()).ToList();
            return found.Count >= 2 ? found : null;
        }, TimeSpan.FromSeconds(60), "both posts in review");
        titles.ShouldBe(["Before", "After"], ignoreOrder: true);
        var mine = await http.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/me/posts");
        mine!["items"]!.AsArray().Select(i => i!["title"]!.GetValue<string>()).ShouldNotContain("During");
    }
}
