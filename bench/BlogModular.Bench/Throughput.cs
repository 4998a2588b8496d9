using System.Net.Http.Json;
using Npgsql;

namespace BlogModular.Bench;

internal static partial class Runner
{
    private sealed record Drain(long Posts, DateTimeOffset FirstPost, DateTimeOffset LastPost, long Requests, DateTimeOffset FirstRequest, DateTimeOffset LastRequest)
    {
        public double PostsPerSecond => Posts / (LastPost - FirstPost).TotalSeconds;

        public double RequestsPerSecond => Requests / (LastRequest - FirstRequest).TotalSeconds;

        /// <summary>Creates per second counted from the first save to the last approval request stored.</summary>
        public double EndToEndPerSecond => Requests / (LastRequest - FirstPost).TotalSeconds;

        public double LagMs => (LastRequest - LastPost).TotalMilliseconds;
    }

    /// <summary>
    /// P1 creates/s with the durable outbox ÷ the same endpoint with messaging off; P2 ÷ pgbench single-row INSERT tps at
    /// the same concurrency; P4 approval requests stored/s ÷ posts created/s. Run in rotating order per repetition.
    /// </summary>
    private static async Task<IEnumerable<Row>> ThroughputAsync(Settings settings, NpgsqlDataSource db, Child host, CpuMeter meter, List<CpuRow> cpu)
    {
        Log("P1/P2/P4: starting a second host with messaging switched off (benchmark-only switch)");
        await using var plain = await StartHostAsync(settings, "host-nomessaging", messaging: false);
        var script = Path.Combine(settings.OutputDirectory, "insert.sql");
        await File.WriteAllTextAsync(script,
            "INSERT INTO bench.posts (id, title, content, author, status, created_at) " +
            "VALUES (gen_random_uuid(), 'Benchmark post', repeat('x', 400), 'pgbench', 'Submitted', now());\n");
        await ExecuteAsync(db, """
            CREATE SCHEMA IF NOT EXISTS bench;
            DROP TABLE IF EXISTS bench.posts;
            CREATE TABLE bench.posts (LIKE blogging.posts INCLUDING ALL);
            """);

        Log("  warm-up (JIT, generated code, connection pools)");
        // One create each first: Wolverine compiles the endpoint on first use, which can outlast a short wrk run.
        await FirstCreateAsync(host, WarmupOn);
        await FirstCreateAsync(plain, WarmupOff);
        await Wrk.RunAsync(settings, Posts(host), 5, await PostScriptAsync(settings, host, WarmupOn));
        await DrainAsync(db, WarmupOn);
        await Wrk.RunAsync(settings, Posts(plain), 5, await PostScriptAsync(settings, plain, WarmupOff));
        await PgBench.TpsAsync(settings, script, 3);

        var outbox = new List<double>();
        var noMessaging = new List<double>();
        var database = new List<double>();
        var drains = new List<Drain>();
        var outboxCpu = new List<CpuPerPost>();
        var noMessagingCpu = new List<CpuPerPost>();
        for (var rep = 0; rep < settings.Repetitions; rep++)
        {
            var author = ThroughputAuthor(rep);
            // Signed in before the rotation, so no login falls between the steps.
            var outboxScript = await PostScriptAsync(settings, host, author);
            var plainScript = await PostScriptAsync(settings, plain, MessagingOff);
            Func<Task>[] steps =
            [
                async () =>
                {
                    var start = meter.Read(host.Id);
                    outbox.Add((await Wrk.RunAsync(settings, Posts(host), settings.DurationSeconds, outboxScript)).RequestsPerSecond);
                    // Wait for the pipeline to drain so the next step runs on a quiet machine; its CPU counts until then.
                    drains.Add(await DrainAsync(db, author));
                    outboxCpu.Add(meter.Read(host.Id).PerPostSince(start, drains[^1].Posts));
                },
                async () =>
                {
                    var posts = await CountPostsAsync(db, Pipeline.Host, MessagingOff);
                    var start = meter.Read(plain.Id);
                    noMessaging.Add((await Wrk.RunAsync(settings, Posts(plain), settings.DurationSeconds, plainScript)).RequestsPerSecond);
                    var end = meter.Read(plain.Id);
                    noMessagingCpu.Add(end.PerPostSince(start, await CountPostsAsync(db, Pipeline.Host, MessagingOff) - posts));
                },
                async () => database.Add(await PgBench.TpsAsync(settings, script, settings.DurationSeconds)),
            ];
            for (var i = 0; i < steps.Length; i++)
            {
                await steps[(i + rep) % steps.Length]();
            }

            var d = drains[^1];
            Log($"  rep {rep + 1}: outbox {outbox[^1]:N0}/s, messaging off {noMessaging[^1]:N0}/s, pgbench {database[^1]:N0} tps; " +
                $"requests {d.RequestsPerSecond:N0}/s, end to end {d.EndToEndPerSecond:N0}/s, drain lag {d.LagMs:N0} ms; " +
                $"CPU per post outbox {Describe(outboxCpu[^1])}, messaging off {Describe(noMessagingCpu[^1])}");
        }

        cpu.Add(new CpuRow("outbox host (P1 runs, until drained)", outboxCpu));
        cpu.Add(new CpuRow("messaging-off host (P1 runs)", noMessagingCpu));

        var created = new Figure(outbox);
        return
        [
            new Row("P1", "create-post throughput, durable outbox", "req/s", created, "messaging off", new Figure(noMessaging), "≥ 0.60", r => r >= 0.60),
            new Row("P2", "create-post throughput, durable outbox", "req/s", created, "pgbench single-row INSERT", new Figure(database), "≥ 0.50", r => r >= 0.50),
            new Row("P4", "approval requests stored per second at peak", "/s", new Figure(drains.Select(d => d.RequestsPerSecond).ToList()),
                "posts created per second", new Figure(drains.Select(d => d.PostsPerSecond).ToList()), "≥ 1.0", r => r >= 1.0),
            new Row("P4b", "creates handled end to end (first save → last request stored)", "/s", new Figure(drains.Select(d => d.EndToEndPerSecond).ToList()),
                Goal: "≥ 900", Meets: v => v >= 900),
            new Row("P4c", "drain lag: last post saved → last request stored", "ms", new Figure(drains.Select(d => d.LagMs).ToList())),
        ];
    }

    /// <summary>Where a pipeline keeps its posts and approval requests (same columns: author, created_at, requested_at).</summary>
    private sealed record Pipeline(string Posts, string Requests)
    {
        public static readonly Pipeline Host = new("blogging.posts", "approvals.approval_requests");

        /// <summary>The bare pattern's own schema (bench/BlogModular.Bench.Bare).</summary>
        public static readonly Pipeline Bare = new("bare.posts", "bare.approval_requests");
    }

    private static string Describe(CpuPerPost cpu) =>
        $"{cpu.Total:N2} ms (app {cpu.App:N2}, PostgreSQL {cpu.Postgres:N2}, broker {(cpu.Broker is { } b ? b.ToString("N2", System.Globalization.CultureInfo.InvariantCulture) : "n/a")})";

    private static async Task<long> CountPostsAsync(NpgsqlDataSource db, Pipeline pipeline, string author)
    {
        await using var command = db.CreateCommand($"SELECT count(*) FROM {pipeline.Posts} WHERE author = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = author });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Waits until every post of <paramref name="author"/> has its approval request, then reports both timelines.</summary>
    private static async Task<Drain> DrainAsync(
        NpgsqlDataSource db, string author, TimeSpan? timeout = null, bool failOnTimeout = true, Pipeline? pipeline = null)
    {
        var (posts, requests) = pipeline ?? Pipeline.Host;
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(3));
        while (true)
        {
            await using var command = db.CreateCommand($"""
                SELECT (SELECT count(*) FROM {posts} WHERE author = $1),
                       (SELECT min(created_at) FROM {posts} WHERE author = $1),
                       (SELECT max(created_at) FROM {posts} WHERE author = $1),
                       (SELECT count(*) FROM {requests} WHERE author = $1),
                       (SELECT min(requested_at) FROM {requests} WHERE author = $1),
                       (SELECT max(requested_at) FROM {requests} WHERE author = $1)
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = author });
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var postCount = reader.GetInt64(0);
            var requestCount = reader.GetInt64(3);
            if (postCount > 0 && requestCount >= postCount)
            {
                return new Drain(postCount, reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2),
                    requestCount, reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5));
            }

            if (DateTime.UtcNow > deadline)
            {
                if (!failOnTimeout && postCount > 0 && requestCount > 0)
                {
                    return new Drain(postCount, reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2),
                        requestCount, reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5));
                }

                throw new TimeoutException($"Only {requestCount} of {postCount} posts by {author} reached Approvals in time.");
            }

            await Task.Delay(100);
        }
    }

    private static async Task FirstCreateAsync(Child host, string author)
    {
        using var http = AuthorClient(host, await TokenAsync(host, author), TimeSpan.FromSeconds(120));
        using var response = await http.PostAsJsonAsync("/api/posts", new { title = "Warm-up", category = "general", content = "First request" });
        response.EnsureSuccessStatusCode();
    }

    private static async Task ExecuteAsync(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
