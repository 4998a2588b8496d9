using System.Diagnostics.Metrics;
using BlogModular.Host.Platform.Messaging;
using BlogModular.BuildingBlocks.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BlogModular.Host.Platform.Observability;

/// <summary>
/// Gauges over Wolverine's envelope tables, which every process shares: the outbox (messages saved but not yet
/// acknowledged by Kafka) and the dead letters. Read when metrics are collected (a scrape of /metrics or an OTLP
/// export), one small query per collection; every process reports the same numbers, so aggregate with max().
/// </summary>
internal sealed partial class EnvelopeStorageMetrics : IHostedService, IDisposable
{
    public const string MeterName = ObservabilitySetup.SourcePrefix + "Messaging";

    /// <summary>Also the age after which any node may send a stuck outbox envelope (see ObservabilitySetup).</summary>
    public static readonly TimeSpan OutboxStaleTime = TimeSpan.FromHours(1);

    // Gauges observed in one collection share one reading.
    private static readonly TimeSpan ReadingLifetime = TimeSpan.FromSeconds(1);

    private static readonly string Sql = $"""
        select
          (select count(*) from {DatabaseConfiguration.EnvelopeSchema}.wolverine_outgoing_envelopes),
          -- The column's default is "now() at time zone 'utc'" read back as timestamptz; the same conversion of
          -- now() cancels the session's time zone out.
          (select extract(epoch from (now() at time zone 'utc')::timestamptz - min(timestamp))
             from {DatabaseConfiguration.EnvelopeSchema}.wolverine_outgoing_envelopes),
          (select count(*) from {DatabaseConfiguration.EnvelopeSchema}.wolverine_dead_letters)
        """;

    private readonly Meter _meter;
    private readonly string _connectionString;
    private readonly ILogger<EnvelopeStorageMetrics> _logger;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private Reading? _last;

    public EnvelopeStorageMetrics(IMeterFactory meters, IConfiguration configuration, ILogger<EnvelopeStorageMetrics> logger, TimeProvider clock)
    {
        _meter = meters.Create(MeterName);
        _connectionString = configuration.GetMessagingConnectionString();
        _logger = logger;
        _clock = clock;
        _meter.CreateObservableGauge("blogmodular.outbox.pending", () => Observe(r => r.Pending), "{message}",
            "Messages in the durable outbox (saved, not yet acknowledged by Kafka)");
        _meter.CreateObservableGauge("blogmodular.outbox.oldest_age", () => Observe(r => r.OldestAgeSeconds), "s",
            "Age of the oldest message in the durable outbox; 0 when it is empty");
        _meter.CreateObservableGauge("blogmodular.dead_letters", () => Observe(r => r.DeadLetters), "{message}",
            "Messages in Wolverine's dead-letter table (failed after retries)");
    }

    // The instruments exist from construction; the host resolves this service at startup so they do.
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<T>> Observe<T>(Func<Reading, T> value) where T : struct =>
        Read() is { } reading ? [new Measurement<T>(value(reading))] : [];

    private Reading? Read()
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            if (_last is { } last && now - last.At < ReadingLifetime)
            {
                return last;
            }

            try
            {
                using var connection = new NpgsqlConnection(_connectionString);
                connection.Open();
                using var command = new NpgsqlCommand(Sql, connection) { CommandTimeout = 2 };
                using var reader = command.ExecuteReader();
                reader.Read();
                var oldest = reader.IsDBNull(1) ? 0d : Math.Max(0d, (double)reader.GetDecimal(1));
                _last = new Reading(now, reader.GetInt64(0), oldest, reader.GetInt64(2));
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                // No reading rather than a wrong one; the series gaps and the health check says why.
                LogReadFailed(_logger, e);
                _last = null;
            }

            return _last;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read Wolverine's envelope tables for metrics")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);

    private sealed record Reading(DateTimeOffset At, long Pending, double OldestAgeSeconds, long DeadLetters);
}
