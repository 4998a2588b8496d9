using System.Text.Json;
using Confluent.Kafka;
using Npgsql;

namespace BlogModular.Bench.Bare;

/// <summary>
/// Stores an approval request per submitted post: the records that arrived together (up to 100) in one INSERT … ON
/// CONFLICT (post_id) DO NOTHING, then commits the consumer's offsets. A crash between the two redelivers the batch,
/// which the dedupe absorbs: every post is stored exactly once.
/// </summary>
internal sealed class ApprovalConsumer(NpgsqlDataSource db, BareSettings settings, ILogger<ApprovalConsumer> logger) : BackgroundService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    // Consume blocks, so the loop has a thread of its own, as the host's Kafka listeners do.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = settings.BootstrapServers,
            GroupId = BareSettings.ConsumerGroup,
            // The host's consumer settings where they shape the flow: start from the beginning, the same fetch wait
            // (the embedded broker holds an empty fetch this long), a 6 s session, quick reconnects.
            AutoOffsetReset = AutoOffsetReset.Earliest,
            FetchWaitMaxMs = settings.FetchWaitMaxMs,
            SessionTimeoutMs = 6000,
            ReconnectBackoffMaxMs = 1000,
            // Committed by hand, after the database commit.
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(settings.Topic);
        var batch = new List<PostSubmitted>(BareSettings.BatchSize);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (Consume(consumer, stoppingToken) is not { } first)
                {
                    continue;
                }

                batch.Add(Read(first));
                while (batch.Count < BareSettings.BatchSize && consumer.Consume(TimeSpan.Zero) is { } next)
                {
                    batch.Add(Read(next));
                }

                Store(batch, stoppingToken);
                consumer.Commit();
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            consumer.Close();
        }
    }

    /// <summary>The next record; null after a transient error (the client reconnects and rejoins by itself).</summary>
    private ConsumeResult<string, byte[]>? Consume(IConsumer<string, byte[]> consumer, CancellationToken stoppingToken)
    {
        try
        {
            return consumer.Consume(stoppingToken);
        }
        catch (ConsumeException e) when (!e.Error.IsFatal)
        {
            logger.LogWarning("Consuming {Topic} failed: {Reason}", settings.Topic, e.Error.Reason);
            stoppingToken.WaitHandle.WaitOne(RetryInterval);
            return null;
        }
    }

    private static PostSubmitted Read(ConsumeResult<string, byte[]> record) =>
        JsonSerializer.Deserialize<PostSubmitted>(record.Message.Value, Json.Options)
        ?? throw new InvalidOperationException($"Empty record at {record.TopicPartitionOffset}.");

    private void Store(List<PostSubmitted> batch, CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                // Synchronous calls: this thread exists for this loop alone.
                using var command = db.CreateCommand("""
                    INSERT INTO bare.approval_requests (post_id, author, title, category, content, requested_at)
                    SELECT u.post_id, u.author, u.title, u.category, u.content, $6
                    FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(post_id, author, title, category, content)
                    ON CONFLICT (post_id) DO NOTHING
                    """);
                command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(p => p.PostId).ToArray() });
                command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(p => p.Author).ToArray() });
                command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(p => p.Title).ToArray() });
                command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(p => p.Category).ToArray() });
                command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(p => p.Content).ToArray() });
                command.Parameters.Add(new NpgsqlParameter { Value = DateTimeOffset.UtcNow });
                command.ExecuteNonQuery();
                return;
            }
            catch (NpgsqlException e)
            {
                logger.LogWarning(e, "Storing {Count} approval requests failed; retrying in {Interval}", batch.Count, RetryInterval);
                stoppingToken.WaitHandle.WaitOne(RetryInterval);
                stoppingToken.ThrowIfCancellationRequested();
            }
        }
    }
}
