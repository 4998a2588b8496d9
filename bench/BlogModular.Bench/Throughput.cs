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
    private static async Task<IEnumerable<Row>> ThroughputAsync(Settings settings, NpgsqlDataSource db, Child host)
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
                    outbox.Add((await Wrk.RunAsync(settings, Posts(host), settings.DurationSeconds, outboxScript)).RequestsPerSecond);
                    // Wait for the pipeline to drain so the next step runs on a quiet machine.
                    drains.Add(await DrainAsync(db, author));
                },
                async () => noMessaging.Add((await Wrk.RunAsync(settings, Posts(plain), settings.DurationSeconds, plainScript)).RequestsPerSecond),
                async () => database.Add(await PgBench.TpsAsync(settings, script, settings.DurationSeconds)),
            ];
            for (var i = 0; i < steps.Length; i++)
            {
                await steps[(i + rep) % steps.Length]();
            }

            var d = drains[^1];
            Log($"  rep {rep + 1}: outbox {outbox[^1]:N0}/s, messaging off {noMessaging[^1]:N0}/s, pgbench {database[^1]:N0} tps; " +
                $"requests {d.RequestsPerSecond:N0}/s, end to end {d.EndToEndPerSecond:N0}/s, drain lag {d.LagMs:N0} ms");
        }

        var created = new Figure(outbox);
        return
        [
            new Row("P1", "create-post throughput, durable outbox", "req/s", created, "messaging off", new Figure(noMessaging), "≥ 0.80", r => r >= 0.80),
            new Row("P2", "create-post throughput, durable outbox", "req/s", created, "pgbench single-row INSERT", new Figure(database), "≥ 0.50", r => r >= 0.50),
            new Row("P4", "approval requests stored per second at peak", "/s", new Figure(drains.Select(d => d.RequestsPerSecond).ToList()),
                "posts created per second", new Figure(drains.Select(d => d.PostsPerSecond).ToList()), "≥ 1.0", r => r >= 1.0),
            new Row("P4b", "creates handled end to end (first save → last request stored)", "/s", new Figure(drains.Select(d => d.EndToEndPerSecond).ToList()),
                Goal: "≥ 900", Meets: v => v >= 900),
            new Row("P4c", "drain lag: last post saved → last request stored", "ms", new Figure(drains.Select(d => d.LagMs).ToList())),
        ];
    }

    /// <summary>Waits until every post of <paramref name="author"/> has its approval request, then reports both timelines.</summary>
    private static async Task<Drain> DrainAsync(NpgsqlDataSource db, string author, TimeSpan? timeout = null, bool failOnTimeout = true)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(3));
        while (true)
        {
            await using var command = db.CreateCommand("""
                SELECT (SELECT count(*) FROM blogging.posts WHERE author = $1),
                       (SELECT min(created_at) FROM blogging.posts WHERE author = $1),
                       (SELECT max(created_at) FROM blogging.posts WHERE author = $1),
                       (SELECT count(*) FROM approvals.approval_requests WHERE author = $1),
                       (SELECT min(requested_at) FROM approvals.approval_requests WHERE author = $1),
                       (SELECT max(requested_at) FROM approvals.approval_requests WHERE author = $1)
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = author });
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var posts = reader.GetInt64(0);
            var requests = reader.GetInt64(3);
            if (posts > 0 && requests >= posts)
            {
                return new Drain(posts, reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2),
                    requests, reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5));
            }

            if (DateTime.UtcNow > deadline)
            {
                if (!failOnTimeout && posts > 0 && requests > 0)
                {
                    return new Drain(posts, reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2),
                        requests, reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5));
                }

                throw new TimeoutException($"Only {requests} of {posts} posts by {author} reached Approvals in time.");
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
