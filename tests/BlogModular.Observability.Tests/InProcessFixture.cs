using System.Diagnostics;
using Alba;
using BlogModular.Approvals.Contracts;
using BlogModular.Blogging.Contracts;
using BlogModular.DevTools;
using BlogModular.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry.Trace;

namespace BlogModular.Observability.Tests;

/// <summary>
/// Both modules in one host (all-in-one), in process, on a throwaway PostgreSQL and the embedded Kafka-protocol
/// broker, with every finished span also collected in memory. Nothing is mocked.
/// </summary>
public sealed class InProcessFixture : IAsyncLifetime
{
    private readonly List<Activity> _spans = [];
    private PostgresServer? _postgres;

    public IAlbaHost Host { get; private set; } = null!;

    /// <summary>Signed in as <see cref="AuthorEmail"/>, once for every test: sign-ins are rate limited.</summary>
    public HttpClient Author { get; private set; } = null!;

    /// <summary>Signed in as <see cref="ReviewerEmail"/>, once for every test.</summary>
    public HttpClient Reviewer { get; private set; } = null!;

    public EmbeddedKafkaBroker? Broker { get; private set; }

    public string ConnectionString => _postgres!.ConnectionString;

    /// <summary>What the host warned of lately, for a test's failure message.</summary>
    public HostWarnings HostWarnings { get; } = new();

    /// <summary>A snapshot: the exporter appends from other threads.</summary>
    public IReadOnlyList<Span> Spans
    {
        get
        {
            lock (_spans)
            {
                return _spans.Select(Span.From).ToList();
            }
        }
    }

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

        var logins = new DatabaseLogins(ConnectionString, BlogModular.Host.Modules.All.Select(m => m.ConnectionStringName));
        await logins.MigrateAsync(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Kafka__BootstrapServers"] = bootstrap, ["Kafka__AutoProvision"] = "false" });
        Host = await AlbaHost.For<Program>(web => web
            .UseEnvironment("Development")
            .UseSettings(logins.Settings())
            .UseSetting("Kafka:BootstrapServers", bootstrap)
            .UseSetting("Kafka:AutoProvision", Broker is null ? "true" : "false")
            .ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(new LockedList(_spans))))
            .ConfigureLogging(logging => logging.AddProvider(HostWarnings)));

        // An author writes, a reviewer reviews: nobody reviews their own post.
        var environment = new Dictionary<string, string>(logins.Environment())
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Kafka__BootstrapServers"] = bootstrap,
            ["Kafka__AutoProvision"] = "false",
        };
        await TestAccounts.AddUserAsync(environment, ReviewerEmail, "Rita", reviewer: true);
        await TestAccounts.AddUserAsync(environment, AuthorEmail, "Ann", reviewer: false);
        Author = await Host.Server.CreateClient().SignInAsync(AuthorEmail);
        Reviewer = await Host.Server.CreateClient().SignInAsync(ReviewerEmail);
    }

    public const string ReviewerEmail = "rita@example.test";

    public const string AuthorEmail = "ann@example.test";

    /// <summary>
    /// <see cref="Flow.CreateAndDecideAsync"/> with <see cref="Author"/> and <see cref="Reviewer"/>; a wait that times out
    /// says what the host warned of meanwhile.
    /// </summary>
    public Task<Guid> CreateAndDecideAsync(string outcome, string? reason = null) =>
        Eventually.ExplainedAsync(() => Flow.CreateAndDecideAsync(Author, Reviewer, outcome, reason), () => Task.FromResult(HostWarnings.Report()));

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
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

    /// <summary>The in-memory exporter adds to an ICollection; this one takes the same lock as <see cref="Spans"/>.</summary>
    private sealed class LockedList(List<Activity> inner) : ICollection<Activity>
    {
        public int Count { get { lock (inner) { return inner.Count; } } }

        public bool IsReadOnly => false;

        public void Add(Activity item)
        {
            lock (inner)
            {
                inner.Add(item);
            }
        }

        public void Clear()
        {
            lock (inner)
            {
                inner.Clear();
            }
        }

        public bool Contains(Activity item) { lock (inner) { return inner.Contains(item); } }

        public void CopyTo(Activity[] array, int arrayIndex) { lock (inner) { inner.CopyTo(array, arrayIndex); } }

        public bool Remove(Activity item) { lock (inner) { return inner.Remove(item); } }

        public IEnumerator<Activity> GetEnumerator() { lock (inner) { return inner.ToList().GetEnumerator(); } }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

[CollectionDefinition(Name)]
public sealed class InProcessGroup : ICollectionFixture<InProcessFixture>
{
    public const string Name = "in-process";
}
