using BlogModular.Testing;

namespace BlogModular.Deployment.Tests;

/// <summary>
/// A split deployment as operators would run it: PostgreSQL, the stand-alone embedded broker
/// (<c>BlogModular.Host kafka-broker</c>) and one process per module, all separate OS processes.
/// </summary>
public sealed class Deployment : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly List<HostProcess> _processes = [];
    private PostgresServer? _postgres;
    private string _bootstrap = "";

    public HostProcess Blogging { get; private set; } = null!;

    public HostProcess Approvals { get; private set; } = null!;

    /// <summary>nginx routing by path prefix, so clients keep one base URL.</summary>
    public HostProcess FrontDoor { get; private set; } = null!;

    public string ConnectionString => _postgres!.ConnectionString;

    public async Task InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        _bootstrap = Environment.GetEnvironmentVariable("BLOGMODULAR_TEST_KAFKA") ?? await StartBrokerAsync();

        // One at a time: the first process creates Wolverine's tables and applies the migrations.
        Blogging = await StartModuleAsync("blogging", blogging: true, approvals: false);
        Approvals = await StartModuleAsync("approvals", blogging: false, approvals: true);
        FrontDoor = await StartFrontDoorAsync();
    }

    public async Task<HostProcess> StartModuleAsync(string name, bool blogging, bool approvals)
    {
        var process = HostProcess.Start(name, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__BlogModular"] = ConnectionString,
            ["Kafka__BootstrapServers"] = _bootstrap,
            ["Kafka__AutoProvision"] = "false",
            ["Modules__Blogging__Enabled"] = blogging ? "true" : "false",
            ["Modules__Approvals__Enabled"] = approvals ? "true" : "false",
        }, HostProcess.FreePort());
        _processes.Add(process);
        await process.WaitUntilReadyAsync(StartTimeout);
        return process;
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
    }

    private async Task<HostProcess> StartFrontDoorAsync()
    {
        var port = HostProcess.FreePort();
        var state = Directory.CreateTempSubdirectory("blogmodular-front-door-").FullName;
        var frontDoor = HostProcess.StartProgram(
            "front-door",
            "bash",
            [Path.Combine(Repository.Root, "scripts", "front-door.sh"), "run", $"127.0.0.1:{port}",
             Blogging.BaseAddress!.Authority, Approvals.BaseAddress!.Authority, state],
            new Dictionary<string, string>(),
            Repository.Root,
            new Uri($"http://127.0.0.1:{port}"));
        _processes.Add(frontDoor);
        await frontDoor.WaitUntilAnswersAsync("/health/live", StartTimeout);
        return frontDoor;
    }

    private async Task<string> StartBrokerAsync()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("blogmodular-kafka-").FullName, "bootstrap");
        var broker = HostProcess.Start("kafka-broker", new Dictionary<string, string>(), port: null, "kafka-broker", "--bootstrap-file", file);
        _processes.Add(broker);
        await broker.WaitForLineAsync("Embedded Kafka broker", StartTimeout);
        return (await File.ReadAllTextAsync(file)).Trim();
    }
}

[CollectionDefinition(Name)]
public sealed class DeploymentGroup : ICollectionFixture<Deployment>
{
    public const string Name = "deployment";
}
