using BlogModular.BuildingBlocks.Messaging;
using BlogModular.BuildingBlocks.Persistence;
#if DEVTOOLS
using BlogModular.DevTools;
#endif
using System.Globalization;
using System.Reflection;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Wolverine;
using Wolverine.EntityFrameworkCore;
using Wolverine.ErrorHandling;
using Wolverine.Kafka;
using Wolverine.Postgresql;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Core;

namespace BlogModular.Host.Platform.Messaging;

internal static class MessagingSetup
{
    /// <summary>
    /// Wolverine with PostgreSQL envelope storage, EF Core transactions and Kafka. Every sender is a durable
    /// outbox and every listener a durable inbox: a module's entity and the messages it emits commit together.
    /// Each enabled module's handlers, endpoints and Kafka routes come from its descriptor (<see cref="KafkaRoutes"/>).
    /// </summary>
    public static WebApplicationBuilder AddMessaging(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetMessagingConnectionString();
        var kafka = KafkaSettings.From(builder.Configuration);
        if (kafka.Embedded)
        {
            if (!builder.Environment.IsDevelopment())
            {
                throw new InvalidOperationException(
                    "Kafka is not configured. Set Kafka:BootstrapServers (or KAFKA_BOOTSTRAP_SERVERS); " +
                    "the embedded in-memory broker is only started in the Development environment.");
            }

            StartEmbeddedBroker(builder, kafka);
        }

        builder.Services.AddSingleton(kafka);
        // Unusable security settings stop the host at startup with their names, not at the first message.
        builder.Services.AddOptions<KafkaSecuritySettings>().Bind(builder.Configuration.GetSection(KafkaSecuritySettings.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<KafkaSecuritySettings>>(new KafkaSecuritySettings.Rule(kafka.Embedded));
        var sizeLimit = MessageSizeLimit.From(builder.Configuration);
        builder.Services.AddSingleton(sizeLimit);
        // In Development, tables are created before any other hosted service (Wolverine included) starts.
        builder.Services.AddMigrationsAtStartupInDevelopment();
        builder.Services.AddHostedService<KafkaClientLogging>();
        builder.Services.AddSingleton(TimeProvider.System);

        var modules = Modules.EnabledIn(builder.Configuration);
        var pollEvery = PollEvery(builder.Configuration);
        builder.Host.UseWolverine(opts =>
        {
            opts.PersistMessagesWithPostgresql(connectionString, DatabaseConfiguration.EnvelopeSchema);
            // The message store connects as a role with DML rights only: its tables are created by `migrate` with the
            // admin connection (ADR 0024). At startup Wolverine only checks that they exist.
            opts.AutoBuildMessageStorageOnStartup = AutoCreate.None;
            opts.UseEntityFrameworkCoreTransactions();
            opts.Policies.AutoApplyTransactions();
            opts.Policies.UseDurableOutboxOnAllSendingEndpoints();
            opts.Policies.UseDurableInboxOnAllListeners();
            opts.Policies.PropagateGroupIdToPartitionKey();
            // Modules talk through Kafka even when they share a process: no in-memory shortcut to a local handler.
            opts.Policies.DisableConventionalLocalRouting();
            opts.UseSystemTextJsonForSerialization();

            var transport = opts.UseKafka(kafka.BootstrapServers!)
                .ConfigureClient(client =>
                {
                    // Come back quickly after a broker restart (librdkafka's default backs off up to 10 s).
                    client.ReconnectBackoffMaxMs = 1000;
                    kafka.Security.ApplyTo(client);
                })
                .ConfigureConsumers(consumer =>
                {
                    // A new consumer group starts from the beginning: nothing published before it joined is skipped.
                    consumer.AutoOffsetReset = AutoOffsetReset.Earliest;
                    consumer.EnableAutoCommit = true;
                    // How long an empty fetch is held: librdkafka's 500 ms unless set (10 ms for the mock broker in Development).
                    if (kafka.FetchWaitMaxMs is { } fetchWait)
                    {
                        consumer.FetchWaitMaxMs = fetchWait;
                    }
                    consumer.SessionTimeoutMs = 6000;
                    consumer.QueuedMaxMessagesKbytes = kafka.ConsumerQueueKiB;
                })
                .ConfigureProducerBuilders(KafkaClientLogging.Attach)
                .ConfigureConsumerBuilders(KafkaClientLogging.Attach)
                .ConfigureProducers(producer =>
                {
                    producer.Acks = Acks.All;
                    producer.EnableIdempotence = true;
                    // Wolverine already batches and awaits every ack of a batch; librdkafka's own 5 ms wait only adds to it.
                    producer.LingerMs = 0;
                    // librdkafka refuses a larger record locally (MSG_SIZE_TOO_LARGE); see OversizedMessages.
                    producer.MessageMaxBytes = sizeLimit.MaxMessageBytes;
                });
            opts.Policies.Add(new ContractsOnlyOnKafka(ContractsOnlySerializer.ContractAssemblies(Modules.All)));
            if (!kafka.TopicsExternallyOwned)
            {
                // A real cluster supports CreateTopics; the embedded broker gets its topics created above instead.
                transport.AutoProvision();
            }

            // Transient database and broker errors are retried with backoff, then the message is dead-lettered.
            opts.OnException<NpgsqlException>().Or<DbUpdateException>().Or<KafkaException>()
                .RetryWithCooldown(50.Milliseconds(), 250.Milliseconds(), 1.Seconds())
                .Then.MoveToErrorQueue();

            // A message over the size limit can never be sent: dead-lettered with a readable error, not retried forever
            // ahead of everything behind it.
            opts.SendingFailure.OnException<ProduceException<string, byte[]>>(e => e.Error.Code == ErrorCode.MsgSizeTooLarge, "message over Kafka:MaxMessageBytes")
                .CustomAction((_, lifecycle, e) => OversizedMessages.HandleAsync(lifecycle, e, sizeLimit), "dead-letter messages over the size limit, send the rest again");

            // Handlers and HTTP endpoints run code generated ahead of time (src/Host/Internal/Generated, written by
            // scripts/codegen.sh): no Roslyn at startup or at the first message. ADR 0008.
            // Wolverine:TypeLoadMode=Dynamic compiles at runtime instead, for a quick loop while changing handlers.
            // The host, not this library, is the application: its assembly holds the generated code.
            opts.ApplicationAssembly = Assembly.Load(builder.Environment.ApplicationName);
            opts.CodeGeneration.TypeLoadMode = builder.Configuration.GetValue("Wolverine:TypeLoadMode", TypeLoadMode.Static);
            if (builder.Configuration["Wolverine:GeneratedCodeOutputPath"] is { Length: > 0 } generatedCodePath)
            {
                opts.CodeGeneration.GeneratedCodeOutputPath = generatedCodePath;
            }

            if (opts.CodeGeneration.TypeLoadMode == TypeLoadMode.Static)
            {
                // The handler registry is left out on purpose (ADR 0008), which Wolverine warns about at every start.
                builder.Logging.AddFilter("Wolverine.Configuration.HandlerDiscovery", LogLevel.Error);
                // A handler or endpoint without generated code fails the start, not its first message.
                opts.Services.CritterStackDefaults(defaults =>
                {
                    defaults.Development.AssertAllPreGeneratedTypesExist = true;
                    defaults.Production.AssertAllPreGeneratedTypesExist = true;
                });
            }
            else
            {
#if DEVTOOLS
                opts.UseRuntimeCompilation();
#else
                throw new InvalidOperationException(
                    "Wolverine:TypeLoadMode=Dynamic needs runtime code compilation, which this build leaves out (published without development tools).");
#endif
            }

            if (pollEvery is { } every)
            {
                ApplyPollingCadence(opts.Durability, every);
            }

            // A message nobody can handle (unknown type, not one of ours) is kept for operators, not logged and dropped.
            opts.UnknownMessageBehavior = UnknownMessageBehavior.DeadLetterQueue;

            foreach (var module in modules)
            {
                opts.AddRoutesOf(module, kafka);
            }
        },
        // Every extension is configured explicitly above; automatic discovery would walk the reference graph at every
        // start and register Roslyn's compiler (WolverineFx.RuntimeCompilation), which Static mode never uses.
        ExtensionDiscovery.ManualOnly);

        return builder;
    }

    /// <summary>
    /// How often each process polls the message store when nothing happens (<c>Messaging:PollEvery</c>; unset,
    /// Wolverine's 5 s): recovery of envelopes nobody owns, inbox envelopes not yet handled and scheduled ones, the
    /// node's heartbeat, the sweep for other nodes' envelopes and the store's metrics each run this often, about 25
    /// statements a round. Production sets 30 s (appsettings.Production.json), a sixth of the statements at rest; recovery
    /// after a crash waits up to one more round. ADR 0028.
    /// </summary>
    private static void ApplyPollingCadence(DurabilitySettings durability, TimeSpan every)
    {
        durability.ScheduledJobPollingTime = every;
        durability.OrphanedMessageSweepPollingTime = every;
        durability.NodeReassignmentPollingTime = every;
        durability.HealthCheckPollingTime = every;
        durability.UpdateMetricsPeriod = every;
        // A node is stale after missing a few heartbeats, never sooner than Wolverine's own minute.
        durability.StaleNodeTimeout = TimeSpan.FromTicks(Math.Max(durability.StaleNodeTimeout.Ticks, 3 * every.Ticks));
        durability.CheckAssignmentPeriod = TimeSpan.FromTicks(Math.Max(durability.CheckAssignmentPeriod.Ticks, every.Ticks));
    }

    /// <summary><c>Messaging:PollEvery</c>, or null when unset; a bad value stops the start with one line naming the setting.</summary>
    private static TimeSpan? PollEvery(ConfigurationManager configuration)
    {
        const string key = "Messaging:PollEvery";
        if (configuration[key] is not { Length: > 0 } text)
        {
            return null;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var every) && every > TimeSpan.Zero
            ? every
            : throw new OptionsValidationException(key, typeof(DurabilitySettings), [$"{key} must be a positive time span such as 00:00:30, not '{text}'."]);
    }

    private static void StartEmbeddedBroker(WebApplicationBuilder builder, KafkaSettings kafka)
    {
#if DEVTOOLS
        var broker = EmbeddedKafkaBroker.Start();
        foreach (var topic in Modules.Topics)
        {
            broker.CreateTopic(topic, kafka.Partitions);
        }

        kafka.BootstrapServers = broker.BootstrapServers;
        builder.Services.AddSingleton(broker);
        builder.Services.AddHostedService<EmbeddedKafkaAnnouncer>();
#else
        throw new InvalidOperationException(
            "Kafka is not configured. Set Kafka:BootstrapServers (or KAFKA_BOOTSTRAP_SERVERS); this build has no embedded broker.");
#endif
    }

#if DEVTOOLS
    private sealed class EmbeddedKafkaAnnouncer(
        EmbeddedKafkaBroker broker, KafkaSettings settings, ILogger<EmbeddedKafkaAnnouncer> logger, IHostEnvironment environment) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var file = Path.Combine(environment.ContentRootPath, settings.BootstrapFile);
            logger.LogWarning(
                "Kafka: using the EMBEDDED in-memory broker at {Bootstrap} (librdkafka mock cluster). Development only: " +
                "messages are lost when the process stops. Set Kafka:BootstrapServers for a real cluster.",
                broker.BootstrapServers);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, broker.BootstrapServers, cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
#endif
}
