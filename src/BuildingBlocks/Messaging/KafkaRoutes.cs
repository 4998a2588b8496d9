using Wolverine;
using Wolverine.Kafka;

namespace BlogModular.BuildingBlocks.Messaging;

/// <summary>The one way modules declare what they publish to and listen on, so every route gets the same settings.</summary>
public static class KafkaRoutes
{
    /// <summary>
    /// How long the outbox sender waits for more messages before sending a batch. Wolverine's window (250 ms by default)
    /// restarts with every message, so a lone message waits all of it; 1 ms keeps batches small and latency low.
    /// See docs/adr/0004-outbox-sender-batching.md and docs/performance.md.
    /// </summary>
    public static readonly TimeSpan SendBatchWindow = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// Batches in flight at once (Wolverine's default is 1). Small batches one at a time, each waiting for its acks and
    /// its outbox DELETE, cannot keep up with the create rate; four overlap those round trips. Order is still kept per
    /// partition key because each module publishes one message per key and topic.
    /// </summary>
    public const int SendBatchParallelism = 4;

    /// <summary>
    /// How long received messages of a batched type wait for more before their batch is handled. Like the sender's
    /// window it restarts with every message, so a lone message waits 1 ms, while under load a batch holds what a
    /// Kafka fetch delivered (up to <see cref="HandleBatchSize"/>). See docs/performance.md.
    /// </summary>
    public static readonly TimeSpan HandleBatchWindow = TimeSpan.FromMilliseconds(1);

    public const int HandleBatchSize = 100;

    /// <summary>
    /// Received <typeparamref name="T"/> messages are handled as <c>T[]</c>, one transaction per batch, instead of one
    /// each. Members stay unhandled in the durable inbox until their batch commits, so a crash loses none of them.
    /// A batch that keeps failing is retried member by member, so only the message at fault is dead-lettered.
    /// </summary>
    public static void HandleInBatches<T>(this WolverineOptions opts) =>
        opts.BatchMessagesOf<T>(batching =>
            {
                batching.BatchSize = HandleBatchSize;
                batching.TriggerTime = HandleBatchWindow;
                batching.ProbeIndividuallyAfter(3);
            })
            // Batches run in a durable receiver, whose completion releases the members it holds for the batch. On
            // Wolverine 6.62's default buffered queue nothing released them: memory grew ~12 KB per post (bench P7).
            .UseDurableInbox();

    /// <summary>
    /// Publishes <typeparamref name="T"/> to <paramref name="topic"/> through the durable outbox, keyed by
    /// <paramref name="partitionKey"/> so all messages about one entity land on one partition, in order.
    /// </summary>
    public static void PublishToKafka<T>(this WolverineOptions opts, KafkaSettings settings, string topic, Func<T, Guid> partitionKey)
    {
        opts.MessagePartitioning.ByMessage<T>(message => partitionKey(message).ToString());
        var route = opts.PublishMessage<T>().ToKafkaTopic(topic)
            .Specification(spec => spec.NumPartitions = settings.Partitions)
            .MessageBatchTimeout(SendBatchWindow)
            .MessageBatchMaxDegreeOfParallelism(SendBatchParallelism);
        if (settings.TopicsExternallyOwned)
        {
            route.ExternallyOwned();
        }
    }

    /// <summary>Listens on <paramref name="topic"/> in the module's own consumer group, through the durable inbox.</summary>
    public static void ListenToKafka(this WolverineOptions opts, KafkaSettings settings, string topic, string module)
    {
        var groupId = KafkaSettings.ConsumerGroupFor(module);
        var listener = opts.ListenToKafkaTopic(topic)
            .Specification(spec => spec.NumPartitions = settings.Partitions)
            .ExtendConsumerConfiguration(consumer => consumer.GroupId = groupId);
        if (settings.TopicsExternallyOwned)
        {
            // The embedded broker has no CreateTopics; its topics are created directly (see MessagingSetup).
            listener.ExternallyOwned();
        }
    }
}
