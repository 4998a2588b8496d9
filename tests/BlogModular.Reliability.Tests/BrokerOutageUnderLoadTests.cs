using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Alba;
using BlogModular.Approvals.Contracts;
using BlogModular.Blogging.Contracts;
using BlogModular.DevTools;
using BlogModular.Testing;
using Microsoft.AspNetCore.Hosting;
using Npgsql;
using Xunit.Abstractions;

namespace BlogModular.Reliability.Tests;

/// <summary>The broker goes down for a while under steady create load: the API keeps answering 201, nothing is lost or duplicated.</summary>
public sealed class BrokerOutageUnderLoadTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Counts are configurable upward for longer local runs.
    private static readonly int Workers = int.TryParse(Environment.GetEnvironmentVariable("RELIABILITY_WORKERS"), out var w) ? w : 8;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("RELIABILITY_OUTAGE_SECONDS"), out var s) ? s : 10);

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
            // Load from one author: the per-author limit on writing posts would answer 429 (it has tests of its own).
            .UseSetting("RateLimits:Writing:PermitLimit", "100000000")
            .UseSetting("Mail:PickupDirectory", Directory.CreateTempSubdirectory("blogmodular-mail-").FullName));
        await TestAccounts.AddUserAsync(new Dictionary<string, string>(logins.Environment())
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Kafka__BootstrapServers"] = _broker.BootstrapServers,
            ["Kafka__AutoProvision"] = "false",
        }, "ann@example.test", "Ann", reviewer: false);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _broker.Dispose();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task A_broker_outage_under_load_loses_and_duplicates_nothing_and_the_api_keeps_answering_201()
    {
        var http = await _host.Server.CreateClient().SignInAsync("ann@example.test");
        var created = new ConcurrentBag<Guid>();
        var failures = new ConcurrentBag<HttpStatusCode>();
        using var stop = new CancellationTokenSource();

        var load = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var response = await http.PostAsJsonAsync("/api/posts", new { title = $"Load {worker}-{i}", category = "general", content = "c" });
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    created.Add((await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>());
                }
                else
                {
                    failures.Add(response.StatusCode);
                }
            }
        })).ToList();

        // Load before, during and after the outage; each phase is bounded in time.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var before = created.Count;
        _broker.SetDown();
        await Task.Delay(Outage);
        var during = created.Count - before;
        _broker.SetUp();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        var ids = created.ToArray();
        var drain = Stopwatch.StartNew();
        await Eventually.HoldsAsync(async () => await CountAsync("select count(*) from approvals.approval_requests where post_id = any($1)", ids) == ids.Length,
            TimeSpan.FromSeconds(120), $"{ids.Length} approval requests");
        output.WriteLine($"{ids.Length} posts created ({during} while the broker was down for {Outage.TotalSeconds:0} s), " +
                         $"{failures.Count} non-201 answers; all requests stored {drain.ElapsedMilliseconds} ms after the load stopped");

        failures.ShouldBeEmpty();
        during.ShouldBeGreaterThan(0, "the API kept accepting posts while the broker was down");
        (await CountAsync("select count(*) from approvals.approval_requests where post_id = any($1)", ids)).ShouldBe(ids.Length, "0 lost");
        (await CountAsync("select count(*) - count(distinct post_id) from approvals.approval_requests", [])).ShouldBe(0, "0 duplicated");
        (await CountAsync("select count(*) from blogging.posts", [])).ShouldBe(ids.Length, "every 201 is one post, nothing else");
    }

    private async Task<long> CountAsync(string sql, Guid[] ids)
    {
        await using var connection = new NpgsqlConnection(_postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (sql.Contains("$1", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue(ids);
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }
}
