using BlogModular.Testing;

namespace BlogModular.Observability.Tests;

/// <summary>
/// Split mode as deployed: PostgreSQL, the stand-alone embedded broker and one OS process per module, each
/// exporting its spans over real OTLP/HTTP to <see cref="OtlpCollector"/> and writing JSON log lines.
/// </summary>
public sealed class SplitFixture : IAsyncLifetime
{
    public const string BloggingService = "blogmodular-blogging";
    public const string ApprovalsService = "blogmodular-approvals";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly List<HostProcess> _processes = [];
    private PostgresServer? _postgres;
    private string _bootstrap = "";

    public OtlpCollector Collector { get; private set; } = null!;

    private DatabaseLogins _logins = null!;

    public HostProcess Blogging { get; private set; } = null!;

    public HostProcess Approvals { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Collector = await OtlpCollector.StartAsync();
        _postgres = await PostgresServer.StartAsync();
        _bootstrap = Environment.GetEnvironmentVariable("BLOGMODULAR_TEST_KAFKA") ?? await StartBrokerAsync();

        // Roles, schemas, Wolverine's tables and the migrations first, as a deployment's migrate step does.
        _logins = new DatabaseLogins(_postgres!.ConnectionString, BlogModular.Host.Modules.All.Select(m => m.ConnectionStringName));
        await _logins.MigrateAsync(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Kafka__BootstrapServers"] = _bootstrap, ["Kafka__AutoProvision"] = "false" });
        var environment = new Dictionary<string, string>(_logins.Environment())
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Kafka__BootstrapServers"] = _bootstrap,
            ["Kafka__AutoProvision"] = "false",
        };
        await TestAccounts.AddUserAsync(environment, ReviewerEmail, "Rita", reviewer: true);
        // Nobody reviews their own post: the author writes, the reviewer reviews.
        await TestAccounts.AddUserAsync(environment, AuthorEmail, "Ann", reviewer: false);
        Blogging = await StartModuleAsync(BloggingService, blogging: true);
        Approvals = await StartModuleAsync(ApprovalsService, blogging: false);
    }

    public async Task DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            await process.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (Collector is not null)
        {
            await Collector.DisposeAsync();
        }
    }

    public const string ReviewerEmail = "rita@example.test";

    public const string AuthorEmail = "ann@example.test";

    private async Task<HostProcess> StartModuleAsync(string service, bool blogging)
    {
        var process = HostProcess.Start(service, new Dictionary<string, string>(_logins.Environment())
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Kafka__BootstrapServers"] = _bootstrap,
            ["Kafka__AutoProvision"] = "false",
            ["Modules__Blogging__Enabled"] = blogging ? "true" : "false",
            ["Modules__Approvals__Enabled"] = blogging ? "false" : "true",
            // The standard OpenTelemetry variables, as an operator would set them.
            ["OTEL_SERVICE_NAME"] = service,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Collector.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRICS_EXPORTER"] = "none",
            ["Logging__Console__FormatterName"] = "json",
        }, HostProcess.FreePort());
        _processes.Add(process);
        await process.WaitUntilReadyAsync(StartTimeout);
        return process;
    }

    private async Task<string> StartBrokerAsync()
    {
        var (broker, bootstrap) = await HostProcess.StartEmbeddedBrokerAsync(StartTimeout);
        _processes.Add(broker);
        return bootstrap;
    }
}

[CollectionDefinition(Name)]
public sealed class SplitGroup : ICollectionFixture<SplitFixture>
{
    public const string Name = "split";
}
