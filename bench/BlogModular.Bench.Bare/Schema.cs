using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Npgsql;

namespace BlogModular.Bench.Bare;

/// <summary>The bare pattern's own tables, in schema <c>bare</c>, and its topic.</summary>
internal static class Schema
{
    public static async Task CreateAsync(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand("""
            CREATE SCHEMA IF NOT EXISTS bare;
            CREATE TABLE IF NOT EXISTS bare.posts (
                id uuid PRIMARY KEY,
                author text NOT NULL,
                title text NOT NULL,
                category text NOT NULL,
                content text NOT NULL,
                created_at timestamptz NOT NULL);
            CREATE INDEX IF NOT EXISTS ix_posts_author ON bare.posts (author);
            CREATE TABLE IF NOT EXISTS bare.outbox (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                post_id uuid NOT NULL,
                payload bytea NOT NULL);
            CREATE TABLE IF NOT EXISTS bare.approval_requests (
                post_id uuid PRIMARY KEY,
                author text NOT NULL,
                title text NOT NULL,
                category text NOT NULL,
                content text NOT NULL,
                requested_at timestamptz NOT NULL);
            CREATE INDEX IF NOT EXISTS ix_approval_requests_author ON bare.approval_requests (author);
            """);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Creates the topic with the host's partition count. The embedded mock broker has no CreateTopics; there a metadata
    /// request creates it (a producer's requests may auto-create topics) with the broker's default partition count.
    /// </summary>
    /// <returns>The topic's partition count.</returns>
    public static async Task<int> CreateTopicAsync(BareSettings settings, ILogger logger)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = settings.BootstrapServers }).Build();
        try
        {
            await admin.CreateTopicsAsync(
                [new TopicSpecification { Name = settings.Topic, NumPartitions = settings.Partitions, ReplicationFactor = 1 }],
                new CreateTopicsOptions { RequestTimeout = TimeSpan.FromSeconds(5), OperationTimeout = TimeSpan.FromSeconds(5) });
        }
        catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code == ErrorCode.TopicAlreadyExists))
        {
            // A previous start made it.
        }
        catch (KafkaException e)
        {
            logger.LogWarning("The broker did not create {Topic} ({Reason}); asking for its metadata creates it with the broker's default partitions",
                settings.Topic, e.Error.Reason);
        }

        for (var attempt = 0; ; attempt++)
        {
            var topic = admin.GetMetadata(settings.Topic, TimeSpan.FromSeconds(5)).Topics.Single();
            if (topic.Error.Code == ErrorCode.NoError && topic.Partitions.Count > 0)
            {
                return topic.Partitions.Count;
            }

            if (attempt == 10)
            {
                throw new InvalidOperationException($"Topic {settings.Topic} is not available: {topic.Error.Reason}.");
            }

            await Task.Delay(200);
        }
    }
}
