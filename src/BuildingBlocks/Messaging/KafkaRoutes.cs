using Wolverine;
using Wolverine.Kafka;

namespace BlogModular.BuildingBlocks.Messaging;

/// <summary>The one way modules declare what they publish to and listen on, so every route gets the same settings.</summary>
public static class KafkaRoutes
{
    /// <summary>
    /// Batches in flight at once (Wolverine's default is 1). Small batches one at a time, each waiting for its acks and
    /// its outbox DELETE, cannot keep up with the create rate; four overlap those round trips. Order is still kept per
    /// partition key because each module publishes one message per key and topic.
    /// </summary>
    public const int SendBatchParallelism = 4;

    public const int HandleBatchSize = 100;

    /// <summary>
    /// Received <typeparamref name="T"/> messages are handled as <c>T[]</c>, one transaction per batch, instead of one
    /// each. Members stay unhandled in the durable inbox until their batch commits, so a crash loses none of them.
    /// A batch that keeps failing is retried member by member, so only the message at fault is dead-lettered.
    /// </summary>
    public static void HandleInBatches<T>(this WolverineOptions opts, KafkaSettings settings) =>
        opts.BatchMessagesOf<T>(batching =>
            {
                batching.BatchSize = HandleBatchSize;
                batching.TriggerTime = TimeSpan.FromMilliseconds(settings.HandleBatchWindowMs);
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
            .MessageBatchTimeout(TimeSpan.FromMilliseconds(settings.SendBatchWindowMs))
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
