using Alba;
using BlogModular.DevTools;
using BlogModular.Testing;
using Confluent.Kafka;
using BlogModular.Host.Platform.Database;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BlogModular.EndToEnd.Tests;

/// <summary>
/// The whole host, in process, against a throwaway PostgreSQL cluster and the embedded Kafka-protocol broker
/// (or the ones named by BLOGMODULAR_TEST_POSTGRES / BLOGMODULAR_TEST_KAFKA). Nothing is mocked.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    private PostgresServer? _postgres;

    public IAlbaHost Host { get; private set; } = null!;

    /// <summary>Null when the tests run against an external Kafka (fault injection needs the embedded one).</summary>
    public EmbeddedKafkaBroker? Broker { get; private set; }

    /// <summary>Short, so the self-healing test need not wait minutes; acknowledgements normally take well under it.</summary>
    public static readonly TimeSpan ReannounceAfter = TimeSpan.FromSeconds(3);

    /// <summary>Short, so the tests that lose a decision on the way see it sent again within seconds.</summary>
    public static readonly TimeSpan DecisionResendAfter = TimeSpan.FromSeconds(3);

    /// <summary>Short, so a request waiting To Do is flagged overdue within a test.</summary>
    public static readonly TimeSpan OverdueAfter = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Short, so a sign-out, password change or removed role reaches open sessions within a test; production may not
    /// set more than 30 seconds.
    /// </summary>
    public static readonly TimeSpan RevalidateAfter = TimeSpan.FromSeconds(1);

    /// <summary>The superuser's: tests read and reset any schema with it. The host itself connects as <see cref="Logins"/>.</summary>
    public string ConnectionString => _postgres!.ConnectionString;

    /// <summary>The module roles the host connects as (created by <see cref="DatabaseRoles.ProvisionAsync"/>, as migrate does).</summary>
    public DatabaseLogins Logins { get; private set; } = null!;

    /// <summary>The Kafka bootstrap servers the host uses, for tests that talk to the broker directly.</summary>
    public string Bootstrap { get; private set; } = "";

    /// <summary>The development mail sink: every e-mail the host sends lands here as an .eml file.</summary>
    public string MailDirectory { get; } = Directory.CreateTempSubdirectory("blogmodular-mail-").FullName;

    public async Task InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        var bootstrap = Environment.GetEnvironmentVariable("BLOGMODULAR_TEST_KAFKA");
        if (string.IsNullOrWhiteSpace(bootstrap))
        {
            Broker = EmbeddedKafkaBroker.Start();
            foreach (var topic in BlogModular.Host.Modules.Topics)
            {
                Broker.CreateTopic(topic, 3);
            }
            bootstrap = Broker.BootstrapServers;
        }

        Bootstrap = bootstrap;
        Logins = await ProvisionAsync(ConnectionString);

        // Program reads these while building the host, so they are passed as settings, before it starts.
        Host = await AlbaHost.For<Program>(web => web
            .UseEnvironment("Development")
            .UseSettings(Logins.Settings())
            .UseSetting("Kafka:BootstrapServers", bootstrap)
            .UseSetting("Kafka:AutoProvision", Broker is null ? "true" : "false")
            .UseSetting("Mail:PickupDirectory", MailDirectory)
            .UseSetting("Blogging:Reannouncement:After", ReannounceAfter.ToString())
            .UseSetting("Approvals:DecisionResend:After", DecisionResendAfter.ToString())
            .UseSetting("Approvals:Review:OverdueAfter", OverdueAfter.ToString())
            .UseSetting("Accounts:Sessions:RevalidateAfter", RevalidateAfter.ToString())
            // The rate-limit test runs against its own process (Deployment tests); here many tests log in.
            .UseSetting("Accounts:RateLimit:PermitLimit", "100000")
            .UseSetting("RateLimits:Writing:PermitLimit", "100000"));
    }

    /// <summary>What `migrate` does first with the admin connection: the module roles, their schemas, Wolverine's tables.</summary>
    public static async Task<DatabaseLogins> ProvisionAsync(string admin)
    {
        var logins = new DatabaseLogins(admin, BlogModular.Host.Modules.All.Select(m => m.ConnectionStringName));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(logins.Settings(admin: true)).Build();
        await DatabaseRoles.ProvisionAsync(configuration, BlogModular.Host.Modules.All, NullLogger.Instance);
        return logins;
    }

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public const string DeadLetterCount = "select count(*) from wolverine.wolverine_dead_letters";

    /// <summary>Puts raw bytes no handler can read on blog-creation and waits until Wolverine dead-letters them.</summary>
    public async Task AddDeadLetterAsync()
    {
        var before = await ScalarAsync<long>(DeadLetterCount);
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = Bootstrap }).Build())
        {
            await producer.ProduceAsync(Blogging.Contracts.BloggingTopics.BlogCreation, new Message<string, byte[]> { Key = "poison", Value = [0xde, 0xad] });
        }

        await Eventually.HoldsAsync(async () => await ScalarAsync<long>(DeadLetterCount) > before, Api.MessageTimeout, "a dead letter");
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        Broker?.Dispose();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class HostGroup : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
