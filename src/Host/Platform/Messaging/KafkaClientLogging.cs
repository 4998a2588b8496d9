using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlogModular.Host.Platform.Messaging;

/// <summary>
/// Routes librdkafka's own log lines (otherwise written raw to stderr) and consumer-group assignments through
/// the host's logging. Kafka clients are built by Wolverine from configuration callbacks that have no access to
/// the container, so the logger is published here once the host starts, before Wolverine builds any client.
/// </summary>
internal sealed class KafkaClientLogging(ILoggerFactory loggers) : IHostedService
{
    private static ILogger s_logger = NullLogger.Instance;

    public static void Attach<TKey, TValue>(ProducerBuilder<TKey, TValue> builder) =>
        builder.SetLogHandler((_, message) => Write(message));

    public static void Attach<TKey, TValue>(ConsumerBuilder<TKey, TValue> builder) =>
        builder
            .SetLogHandler((_, message) => Write(message))
            .SetPartitionsAssignedHandler((consumer, partitions) =>
                s_logger.LogInformation("Kafka consumer {Member} was assigned {Partitions}", consumer.Name, string.Join(", ", partitions)));

    public Task StartAsync(CancellationToken cancellationToken)
    {
        s_logger = loggers.CreateLogger("Kafka");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void Write(LogMessage message)
    {
        // librdkafka reports every lost connection at error level; it reconnects by itself, so they are warnings here.
        var level = message.Level switch
        {
            <= SyslogLevel.Error => LogLevel.Warning,
            SyslogLevel.Warning => LogLevel.Warning,
            SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
            _ => LogLevel.Debug,
        };
        s_logger.Log(level, "librdkafka {Facility} {Client}: {Message}", message.Facility, message.Name, message.Message);
    }
}
