using Wolverine;
using Wolverine.Kafka;

namespace BlogModular.BuildingBlocks.Messaging;

/// <summary>The one way modules declare what they publish to and listen on, so every route gets the same settings.</summary>
public static class KafkaRoutes
{
    /// <summary>
    /// Publishes <typeparamref name="T"/> to <paramref name="topic"/> through the durable outbox, keyed by
    /// <paramref name="partitionKey"/> so all messages about one entity land on one partition, in order.
    /// </summary>
    public static void PublishToKafka<T>(this WolverineOptions opts, KafkaSettings settings, string topic, Func<T, Guid> partitionKey)
    {
        opts.MessagePartitioning.ByMessage<T>(message => partitionKey(message).ToString());
        var route = opts.PublishMessage<T>().ToKafkaTopic(topic)
            .Specification(spec => spec.NumPartitions = settings.Partitions);
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
