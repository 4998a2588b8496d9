using System.Threading.Channels;
using Confluent.Kafka;
using Npgsql;

namespace BlogModular.Bench.Bare;

/// <summary>Wakes the relay after a create commits; a wake-up that finds the relay busy is kept for its next wait.</summary>
internal sealed class OutboxSignal
{
    private readonly Channel<bool> _wakeUps = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _wakeUps.Writer.TryWrite(true);

    /// <summary>Until notified or <paramref name="timeout"/>, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await _wakeUps.Reader.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Timed out: poll anyway, for rows a crashed relay left behind.
        }
    }
}

/// <summary>
/// Sends outbox rows in id order, in batches locked with FOR UPDATE SKIP LOCKED, and deletes them in the same
/// transaction once the broker has acknowledged every one (acks=all). One relay loop keeps the order; SKIP LOCKED lets
/// a second process relay beside it. A crash after the acks and before the commit sends the rows again, which the
/// consumer's dedupe absorbs.
/// </summary>
internal sealed class OutboxRelay(
    NpgsqlDataSource db, IProducer<string, byte[]> producer, OutboxSignal signal, BareSettings settings, ILogger<OutboxRelay> logger)
    : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RelayBatchAsync(stoppingToken) > 0)
                {
                }

                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or KafkaException)
            {
                logger.LogWarning(e, "Relaying the outbox failed; retrying in {Interval}", PollInterval);
                await Task.Delay(PollInterval, stoppingToken);
            }
        }
    }

    private async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = new List<long>(BareSettings.BatchSize);
        var deliveries = new List<Task<DeliveryResult<string, byte[]>>>(BareSettings.BatchSize);
        await using (var select = new NpgsqlCommand(
            "SELECT id, post_id, payload FROM bare.outbox ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED", connection, transaction))
        {
            select.Parameters.Add(new NpgsqlParameter { Value = BareSettings.BatchSize });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt64(0));
                // Keyed by post id, as the host's messages: one post's messages stay on one partition, in order.
                deliveries.Add(producer.ProduceAsync(
                    settings.Topic,
                    new Message<string, byte[]> { Key = reader.GetGuid(1).ToString(), Value = reader.GetFieldValue<byte[]>(2) },
                    cancellationToken));
            }
        }

        if (ids.Count == 0)
        {
            return 0;
        }

        await Task.WhenAll(deliveries);
        await using (var delete = new NpgsqlCommand("DELETE FROM bare.outbox WHERE id = ANY($1)", connection, transaction))
        {
            delete.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return ids.Count;
    }
}
