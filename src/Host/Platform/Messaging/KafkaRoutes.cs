using BlogModular.BuildingBlocks.Modules;
using Wolverine;
using Wolverine.Kafka;

namespace BlogModular.Host.Platform.Messaging;

/// <summary>A module's Kafka routes, from its descriptor, so every route gets the same settings.</summary>
internal static class KafkaRoutes
{
    public static void AddRoutesOf(this WolverineOptions opts, ModuleDescriptor module, KafkaSettings settings)
    {
        opts.Discovery.IncludeAssembly(module.Assembly);
        foreach (var route in module.Publishes)
        {
            opts.PublishToKafka(settings, route);
        }

        foreach (var topic in module.ListensTo)
        {
            opts.ListenToKafka(settings, topic, module.ConsumerGroup);
        }

        foreach (var message in module.HandlesInBatches)
        {
            opts.HandleInBatches(message, settings);
        }
    }

    /// <summary>
    /// Batches in flight at once (Wolverine's default is 1). Small batches one at a time, each waiting for its acks and
    /// its outbox DELETE, cannot keep up with the create rate; four overlap those round trips. Two messages about one
    /// post may then leave in different batches, so the handlers do not rely on their order: every message names the
    /// post's revision, and one about an older revision, or one already applied, changes nothing (ADR 0015).
    /// </summary>
    public const int SendBatchParallelism = 4;

    public const int HandleBatchSize = 100;

    /// <summary>
    /// Received <paramref name="message"/>s are handled as an array, one transaction per batch, instead of one each.
    /// Members stay unhandled in the durable inbox until their batch commits, so a crash loses none of them.
    /// A batch that keeps failing is retried member by member, so only the message at fault is dead-lettered.
    /// </summary>
    private static void HandleInBatches(this WolverineOptions opts, Type message, KafkaSettings settings) =>
        opts.BatchMessagesOf(message, batching =>
            {
                batching.BatchSize = HandleBatchSize;
                batching.TriggerTime = TimeSpan.FromMilliseconds(settings.HandleBatchWindowMs);
                batching.ProbeIndividuallyAfter(3);
            })
            // Batches run in a durable receiver, whose completion releases the members it holds for the batch. On
            // Wolverine 6.62's default buffered queue nothing released them: memory grew ~12 KB per post (bench P7).
            .UseDurableInbox();

    /// <summary>
    /// Publishes the route's message to its topic through the durable outbox, keyed by the route's key property so
    /// all messages about one entity land on one partition, in order.
    /// </summary>
    private static void PublishToKafka(this WolverineOptions opts, KafkaSettings settings, MessageRoute route)
    {
        var key = route.Message.GetProperty(route.KeyProperty)
            ?? throw new InvalidOperationException($"{route.Message.Name} has no property {route.KeyProperty} to key its messages by.");
        opts.MessagePartitioning.ByMessage(route.Message, key);
        var publishing = opts.PublishMessage(route.Message).ToKafkaTopic(route.Topic)
            .Specification(spec => spec.NumPartitions = settings.Partitions)
            .MessageBatchTimeout(TimeSpan.FromMilliseconds(settings.SendBatchWindowMs))
            .MessageBatchMaxDegreeOfParallelism(SendBatchParallelism);
        if (settings.TopicsExternallyOwned)
        {
            publishing.ExternallyOwned();
        }
    }

    /// <summary>Listens on <paramref name="topic"/> in the module's own consumer group, through the durable inbox.</summary>
    private static void ListenToKafka(this WolverineOptions opts, KafkaSettings settings, string topic, string groupId)
    {
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
