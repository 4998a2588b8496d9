using System.Globalization;
using Npgsql;

namespace BlogModular.Bench;

/// <summary>What ./bench.sh passes in. Durations are bounded so a default run stays within ~10 minutes.</summary>
internal sealed record Settings(
    string ConnectionString,
    string Kafka,
    string HostDll,
    string? BareDll,
    int? BrokerPid,
    string Wrk,
    string PgBench,
    string OutputDirectory,
    int Repetitions,
    int DurationSeconds,
    int Concurrency,
    int LatencySamples,
    int FeedPosts,
    int SustainSeconds,
    int IdleSeconds,
    string Label,
    string? DotnetTrace,
    IReadOnlySet<string> Only)
{
    public NpgsqlConnectionStringBuilder Postgres => new(ConnectionString);

    /// <summary>What BENCH_ONLY may name.</summary>
    public static readonly IReadOnlyList<string> Measures = ["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9", "P10"];

    public bool Runs(string measure) => Only.Count == 0 || Only.Contains(measure);

    public static Settings FromEnvironment() => new(
        Required("BENCH_PG"),
        Required("BENCH_KAFKA"),
        Required("BENCH_HOST_DLL"),
        Environment.GetEnvironmentVariable("BENCH_BARE_DLL") is { Length: > 0 } bare ? bare : null,
        Environment.GetEnvironmentVariable("BENCH_BROKER_PID") is { Length: > 0 } ? Number("BENCH_BROKER_PID", 0, minimum: 1) : null,
        Environment.GetEnvironmentVariable("BENCH_WRK") ?? "wrk",
        Environment.GetEnvironmentVariable("BENCH_PGBENCH") ?? "pgbench",
        Environment.GetEnvironmentVariable("BENCH_OUT") ?? Path.Combine("bench", "results"),
        Number("BENCH_REPS", 3, minimum: 3),
        Number("BENCH_DURATION", 10, minimum: 2),
        Number("BENCH_CONCURRENCY", 16, minimum: 2),
        Number("BENCH_LATENCY_SAMPLES", 100, minimum: 10),
        Number("BENCH_FEED_POSTS", 1_000_000, minimum: 2_000),
        // The issue asks for 10 minutes (600); the default keeps a whole run near 10 minutes.
        Number("BENCH_SUSTAIN_SECONDS", 60, minimum: 10),
        Number("BENCH_IDLE_SECONDS", 20, minimum: 5),
        Environment.GetEnvironmentVariable("BENCH_LABEL") ?? "",
        Environment.GetEnvironmentVariable("BENCH_DOTNET_TRACE") is { Length: > 0 } trace ? trace : null,
        OnlyFromEnvironment());

    private static HashSet<string> OnlyFromEnvironment()
    {
        var only = (Environment.GetEnvironmentVariable("BENCH_ONLY") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(m => m.ToUpperInvariant())
            .ToHashSet();
        var unknown = only.Except(Measures).ToList();
        return unknown.Count == 0
            ? only
            : throw new InvalidOperationException($"BENCH_ONLY names unknown measures ({string.Join(", ", unknown)}); known: {string.Join(", ", Measures)}.");
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set; run ./bench.sh instead of the driver directly.");

    private static int Number(string name, int fallback, int minimum)
    {
        var text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : throw new InvalidOperationException($"{name} must be an integer ≥ {minimum}, not '{text}'.");
    }
}
