using BlogModular.BuildingBlocks.Messaging;
using BlogModular.BuildingBlocks.Persistence;
using BlogModular.Host.Platform.Messaging;
using BlogModular.BuildingBlocks.Security;
using BlogModular.BuildingBlocks.Web;
using Confluent.Kafka;
using Npgsql;
using Wolverine.Http;
using Wolverine.Persistence.Durability;

namespace BlogModular.Host.Operations;

public sealed record OutboxState(int Pending, double OldestAgeSeconds);

public sealed record InboxState(int Incoming, int Scheduled, int Handled);

/// <param name="Lag">Null when Kafka could not be asked (e.g. the broker is down): the rest of the view still answers.</param>
public sealed record TopicLag(string Topic, string ConsumerGroup, long? Lag);

/// <summary>A module's view of the messages it exchanges: counts not yet acknowledged, and items flagged for an operator.</summary>
public sealed record ModuleConsistency(string Module, IReadOnlyDictionary<string, long> Counts, IReadOnlyList<FlaggedItem> Flagged);

public sealed record MessageFlow(OutboxState Outbox, InboxState Inbox, int DeadLetters, IReadOnlyList<TopicLag> Topics, IReadOnlyList<ModuleConsistency> Consistency);

/// <summary>
/// Operator-only view of the message flow: outbox and inbox from Wolverine's
/// store, consumer lag per topic and group from Kafka, each module this process runs on what the other module has not
/// acknowledged or could not place, and Wolverine's own dead-letter endpoints (list, replay, delete).
/// </summary>
internal static class MessageFlowEndpoints
{
    public const string Route = "/api/ops/messages";
    public const string DeadLetters = "/api/ops/dead-letters";

    /// <summary>Who consumes which topic: each module's group on the topics it listens to, whichever process runs it.</summary>
    private static IEnumerable<(string Topic, string Group)> Consumers =>
        Modules.All.SelectMany(m => m.ListensTo.Select(topic => (topic, m.ConsumerGroup)));

    public static WebApplication MapMessageFlow(this WebApplication app)
    {
        app.MapGet(Route, GetAsync).RequireAuthorization(Policies.Operator).WithTags(ApiDocumentation.Operations)
            .WithName("getMessageFlow").WithSummary("Shows the outbox, inbox, dead-letter count, Kafka consumer lag and unacknowledged or orphaned messages.");
        app.MapDeadLettersEndpoints(DeadLetters).RequireAuthorization(Policies.Operator).WithTags(ApiDocumentation.Operations)
            .AddEndpointFilter(RequireDeadLetterIds)
            .DescribeOperations(
                new("POST", DeadLetters, "listDeadLetters", "Lists dead letters matching a filter, a page at a time."),
                new("POST", $"{DeadLetters}/replay", "replayDeadLetters", "Sends the named dead letters to their handlers again."),
                new("DELETE", DeadLetters, "discardDeadLetters", "Deletes the named dead letters."));
        return app;
    }

    /// <summary>
    /// Wolverine's replay and discard read a missing or empty id list as "every dead letter" (no id filter in
    /// the SQL), so <c>{"ids": []}</c> wiped them all; an operator names the dead letters to act on.
    /// </summary>
    private static async ValueTask<object?> RequireDeadLetterIds(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.Arguments.OfType<DeadLetterEnvelopeIdsRequest>().Any(request => request.Ids is not { Length: > 0 })
            ? TypedResults.Problem(new Validation().Add("ids", "'ids' must name at least one dead letter.").ToProblemDetails())
            : await next(context);

    private static async Task<MessageFlow> GetAsync(
        IMessageStore store, KafkaSettings kafka, IConfiguration configuration, EnabledModules modules, IServiceProvider services, CancellationToken cancellationToken)
    {
        var counts = await store.Admin.FetchCountsAsync();
        await using var connection = new NpgsqlConnection(configuration.GetMessagingConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var oldest = new NpgsqlCommand(
            $"select coalesce(extract(epoch from (now() at time zone 'utc')::timestamptz - min(timestamp)), 0)::float8 from {DatabaseConfiguration.EnvelopeSchema}.wolverine_outgoing_envelopes",
            connection);
        var oldestAge = (double)(await oldest.ExecuteScalarAsync(cancellationToken))!;

        return new MessageFlow(
            new OutboxState(counts.Outgoing, Math.Max(0, oldestAge)),
            new InboxState(counts.Incoming, counts.Scheduled, counts.Handled),
            counts.DeadLetter,
            await Task.Run(() => Lag(kafka), cancellationToken),
            await ConsistencyAsync(modules, services, cancellationToken));
    }

    private static async Task<List<ModuleConsistency>> ConsistencyAsync(EnabledModules modules, IServiceProvider services, CancellationToken cancellationToken)
    {
        var views = new List<ModuleConsistency>();
        foreach (var module in modules.Modules)
        {
            if (module.Consistency is { } view)
            {
                var report = await view.ReadAsync(services, cancellationToken);
                views.Add(new ModuleConsistency(module.Name, report.Counts, report.Flagged));
            }
        }

        return views;
    }

    /// <summary>Lag = end offset − committed offset, summed over the topic's partitions (a group that never committed lags by everything).</summary>
    private static List<TopicLag> Lag(KafkaSettings kafka)
    {
        var lags = new List<TopicLag>();
        foreach (var (topic, group) in Consumers)
        {
            try
            {
                lags.Add(new TopicLag(topic, group, LagOf(kafka, topic, group)));
            }
            catch (KafkaException)
            {
                lags.Add(new TopicLag(topic, group, null));
            }
        }

        return lags;
    }

    private static long LagOf(KafkaSettings kafka, string topic, string group)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(kafka.Security.ApplyTo(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = group,
            EnableAutoCommit = false,
        })).Build();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(3)).Topics.SelectMany(t => t.Partitions)
            .Select(p => new TopicPartition(topic, p.PartitionId)).ToList();
        var committed = consumer.Committed(partitions, TimeSpan.FromSeconds(3));
        long lag = 0;
        foreach (var position in committed)
        {
            var end = consumer.QueryWatermarkOffsets(position.TopicPartition, TimeSpan.FromSeconds(3)).High.Value;
            var done = position.Offset.IsSpecial ? 0 : position.Offset.Value;
            lag += Math.Max(0, end - done);
        }

        return lag;
    }
}
