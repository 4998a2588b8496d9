using Microsoft.Extensions.Configuration;

namespace BlogModular.Host.Platform.Messaging;

/// <summary>Where the Kafka cluster is. Empty <see cref="BootstrapServers"/> means "start the embedded broker" (Development only).</summary>
public sealed class KafkaSettings
{
    public const string Section = "Kafka";

    public string? BootstrapServers { get; set; }

    /// <summary>TLS and SASL for every Kafka client of the process (<c>Kafka:Security:*</c>).</summary>
    public KafkaSecuritySettings Security { get; set; } = new();

    /// <summary>Where the embedded broker writes its bootstrap address (relative to the content root).</summary>
    public string BootstrapFile { get; set; } = Path.Combine(".data", "kafka-bootstrap");

    /// <summary>True when no cluster was configured and the embedded development broker stands in.</summary>
    public bool Embedded { get; private set; }

    /// <summary>
    /// Create missing topics through Kafka's admin API at startup. Turn off where the client may not create
    /// topics, or for a broker without CreateTopics (a stand-alone embedded broker creates its own).
    /// </summary>
    public bool AutoProvision { get; set; } = true;

    /// <summary>Wolverine must neither create nor delete topics: the embedded broker or an operator owns them.</summary>
    public bool TopicsExternallyOwned => Embedded || !AutoProvision;

    /// <summary>Partitions for each topic the application creates (embedded broker and auto-provisioning).</summary>
    public int Partitions { get; set; } = 3;

    /// <summary>
    /// How long the broker may hold a fetch that found nothing; unset, librdkafka's default (500 ms). Real Kafka answers
    /// a held fetch as soon as a message arrives, so a long wait costs no latency there and keeps a consumer at rest to
    /// two fetches a second. The embedded mock broker holds every empty fetch for all of this time, so there it is the
    /// floor of every hop: Development (appsettings.Development.json) sets 10 ms, and so does whatever runs against the
    /// stand-alone mock broker (tests, ./run.sh, ./bench.sh).
    /// </summary>
    public int? FetchWaitMaxMs { get; set; }

    /// <summary>
    /// How much each consumer may fetch ahead of its handlers, in KiB (librdkafka's queued.max.messages.kbytes, 65,536 by
    /// default). Under a burst a consumer fills its queue while the inbox catches up; this bounds the memory that takes.
    /// 4 MiB is thousands of our messages, more than a batch of the inbox takes (ADR 0028).
    /// </summary>
    public int ConsumerQueueKiB { get; set; } = 4096;

    /// <summary>
    /// How long the outbox sender waits, after the first message of a batch, before sending it (Wolverine's default is
    /// 250 ms). 0: the batch leaves as soon as the thread pool runs the timer's callback, with whatever queued up
    /// meanwhile, so a lone message goes at once and batches grow by themselves under load. A 1 ms timer fired after
    /// 3.5–8 ms on the 2-core machine (.NET timer resolution), once per hop. See docs/adr/0004-outbox-sender-batching.md.
    /// </summary>
    public double SendBatchWindowMs { get; set; }

    /// <summary>
    /// How long a received message of a batched type (<see cref="BuildingBlocks.Modules.ModuleDescriptor.HandlesInBatches"/>) waits for more before
    /// its batch is handled; 0 batches what arrived together (a Kafka fetch delivers many records at once under load),
    /// up to <see cref="KafkaRoutes.HandleBatchSize"/>, like <see cref="SendBatchWindowMs"/>.
    /// </summary>
    public double HandleBatchWindowMs { get; set; }

    public static KafkaSettings From(IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<KafkaSettings>() ?? new KafkaSettings();
        // The conventional variable of Kafka tooling works too, so compose files can stay plain.
        if (string.IsNullOrWhiteSpace(settings.BootstrapServers))
        {
            settings.BootstrapServers = configuration["KAFKA_BOOTSTRAP_SERVERS"];
        }

        settings.Embedded = string.IsNullOrWhiteSpace(settings.BootstrapServers);

        return settings;
    }
}
