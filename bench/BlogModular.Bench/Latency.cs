using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Confluent.Kafka;
using Npgsql;
using NpgsqlTypes;

namespace BlogModular.Bench;

internal static partial class Runner
{
    /// <summary>
    /// P3: sequential save → approval-request-stored latency (201 received → the request row is visible, polled every
    /// ~1 ms) ÷ a raw Confluent.Kafka produce → consume round trip on the same broker, alternating per repetition.
    /// </summary>
    private static async Task<IEnumerable<Row>> LatencyAsync(Settings settings, NpgsqlDataSource db, Child host)
    {
        Log($"P3 latency: {settings.LatencySamples} sequential creates and {settings.LatencySamples} raw Kafka round trips per repetition");
        using var http = AuthorClient(host, await TokenAsync(host, LatencyAuthor));
        await using var connection = await db.OpenConnectionAsync();
        await using var lookup = new NpgsqlCommand("SELECT 1 FROM approvals.approval_requests WHERE post_id = $1", connection);
        lookup.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid });
        await lookup.PrepareAsync();
        using var raw = new RawKafka(settings.Kafka);

        await SaveToRequestAsync(http, lookup, 10);
        raw.RoundTrips(10);

        var p50 = new List<double>();
        var p99 = new List<double>();
        var rawP50 = new List<double>();
        var rawP99 = new List<double>();
        for (var rep = 0; rep < settings.Repetitions; rep++)
        {
            var ours = await SaveToRequestAsync(http, lookup, settings.LatencySamples);
            var kafka = raw.RoundTrips(settings.LatencySamples);
            p50.Add(Stats.Percentile(ours, 50));
            p99.Add(Stats.Percentile(ours, 99));
            rawP50.Add(Stats.Percentile(kafka, 50));
            rawP99.Add(Stats.Percentile(kafka, 99));
            Log($"  rep {rep + 1}: save→request p50 {p50[^1]:N1} ms p99 {p99[^1]:N1} ms; raw Kafka p50 {rawP50[^1]:N1} ms p99 {rawP99[^1]:N1} ms");
        }

        return
        [
            new Row("P3", "save → approval request stored, p50", "ms", new Figure(p50), "raw Kafka round trip p50", new Figure(rawP50), "≤ 1.0×", r => r <= 1.0),
            new Row("P3b", "save → approval request stored, p99", "ms", new Figure(p99), "raw Kafka round trip p99", new Figure(rawP99)),
            new Row("P3c", "save → approval request stored, p50 (absolute)", "ms", new Figure(p50), Goal: "≤ 15 ms", Meets: v => v <= 15),
        ];
    }

    private static async Task<List<double>> SaveToRequestAsync(HttpClient http, NpgsqlCommand lookup, int samples)
    {
        var latencies = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            using var response = await http.PostAsJsonAsync("/api/posts", new { title = "Latency", category = "general", content = new string('x', 400) });
            var saved = Stopwatch.GetTimestamp();
            response.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            lookup.Parameters[0].Value = body.RootElement.GetProperty("id").GetGuid();
            while (await lookup.ExecuteScalarAsync() is null)
            {
                if (Stopwatch.GetElapsedTime(saved) > TimeSpan.FromSeconds(30))
                {
                    throw new TimeoutException("An approval request did not appear within 30 s.");
                }

                await Task.Delay(1);
            }

            latencies.Add(Ms(saved, Stopwatch.GetTimestamp()));
        }

        return latencies;
    }

    /// <summary>
    /// The floor: a bare producer (acks=all, idempotent, linger 0) and consumer (the host's fetch wait) on a
    /// topic of its own on the same broker; the mock broker creates the topic on the first produce.
    /// </summary>
    private sealed class RawKafka : IDisposable
    {
        private const string Topic = "bench-roundtrip";

        /// <summary>As the hosts under test fetch: Kafka__FetchWaitMaxMs when the run sets it, else the measured hosts' (Development: 10 ms, appsettings.Development.json).</summary>
        private static readonly int FetchWaitMaxMs =
            int.TryParse(Environment.GetEnvironmentVariable("Kafka__FetchWaitMaxMs"), out var wait) ? wait : 10;
        private readonly IProducer<string, string> _producer;
        private readonly IConsumer<string, string> _consumer;
        private readonly string _payload = JsonSerializer.Serialize(new { postId = Guid.NewGuid(), title = "Latency", content = new string('x', 400), author = "raw" });

        public RawKafka(string bootstrap)
        {
            _producer = new ProducerBuilder<string, string>(new ProducerConfig
            {
                BootstrapServers = bootstrap, Acks = Acks.All, EnableIdempotence = true, LingerMs = 0,
            }).SetLogHandler((_, _) => { }).Build();
            _producer.ProduceAsync(Topic, new Message<string, string> { Key = "create", Value = "{}" }).GetAwaiter().GetResult();
            _consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
            {
                BootstrapServers = bootstrap, GroupId = $"bench-raw-{Guid.NewGuid():N}", AutoOffsetReset = AutoOffsetReset.Earliest,
                FetchWaitMaxMs = FetchWaitMaxMs, SessionTimeoutMs = 6000, EnableAutoCommit = true,
            }).SetLogHandler((_, _) => { }).Build();
            _consumer.Subscribe(Topic);
        }

        public List<double> RoundTrips(int samples)
        {
            var latencies = new List<double>(samples);
            for (var i = 0; i < samples; i++)
            {
                var key = Guid.NewGuid().ToString();
                var start = Stopwatch.GetTimestamp();
                _producer.ProduceAsync(Topic, new Message<string, string> { Key = key, Value = _payload }).GetAwaiter().GetResult();
                while (true)
                {
                    var result = _consumer.Consume(TimeSpan.FromSeconds(30)) ?? throw new TimeoutException("Raw Kafka round trip timed out.");
                    if (result.Message.Key == key)
                    {
                        break;
                    }
                }

                latencies.Add(Ms(start, Stopwatch.GetTimestamp()));
            }

            return latencies;
        }

        public void Dispose()
        {
            _consumer.Close();
            _consumer.Dispose();
            _producer.Dispose();
        }
    }
}
