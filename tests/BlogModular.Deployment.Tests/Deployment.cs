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

    /// <summary>The superuser's, for tests that inspect the database; the processes connect as <see cref="Logins"/>.</summary>
    public string ConnectionString => _postgres!.ConnectionString;

    public DatabaseLogins Logins { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        _bootstrap = System.Environment.GetEnvironmentVariable("BLOGMODULAR_TEST_KAFKA") ?? await StartBrokerAsync();
        Logins = new DatabaseLogins(ConnectionString, BlogModular.Host.Modules.All.Select(m => m.ConnectionStringName));
        await Logins.MigrateAsync(Environment(blogging: true, approvals: true, settings: null));

        // The first reviewer and an author, created the way an operator would: the host's accounts command.
        await AddUserAsync(ReviewerEmail, "Rita Reviewer", reviewer: true);
        await AddUserAsync(AuthorEmail, "Ann Author", reviewer: false);

        Blogging = await StartModuleAsync("blogging", blogging: true, approvals: false);
        Approvals = await StartModuleAsync("approvals", blogging: false, approvals: true);
        FrontDoor = await StartFrontDoorAsync();
    }

    /// <summary>Where every process of the deployment writes its e-mails.</summary>
    public static readonly string MailDirectory = Path.Combine(Path.GetTempPath(), "blogmodular-deployment-mail");

    public const string ReviewerEmail = "rita@example.test";
    public const string AuthorEmail = "ann@example.test";
    public const string Password = TestAccounts.Password;

    public async Task<HostProcess> StartModuleAsync(
        string name, bool blogging, bool approvals, IReadOnlyDictionary<string, string>? settings = null, int? port = null)
    {
        var process = HostProcess.Start(name, Environment(blogging, approvals, settings), port ?? HostProcess.FreePort());
        _processes.Add(process);
        await process.WaitUntilReadyAsync(StartTimeout);
        return process;
    }

    public Dictionary<string, string> Environment(bool blogging, bool approvals, IReadOnlyDictionary<string, string>? settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Kafka__BootstrapServers"] = _bootstrap,
            ["Kafka__AutoProvision"] = "false",
            // The mock broker holds an empty fetch for the whole wait; also in the Production-environment processes.
            ["Kafka__FetchWaitMaxMs"] = "10",
            ["Modules__Blogging__Enabled"] = blogging ? "true" : "false",
            ["Modules__Approvals__Enabled"] = approvals ? "true" : "false",
            ["Mail__PickupDirectory"] = MailDirectory,
            // Every test signs in from 127.0.0.1; RateLimitTests checks the limit on a process of its own.
            ["Accounts__RateLimit__PermitLimit"] = "100000",
            ["RateLimits__Writing__PermitLimit"] = "100000",
            // OpenApiLintTests lints the document every process serves (on by default in Development anyway).
            ["Api__Docs__Enabled"] = "true",
        };
        foreach (var (key, value) in Logins.Environment().Concat(settings ?? new Dictionary<string, string>()))
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <summary>
    /// A process in the Production environment as compose.yaml configures one, on plain http on the loopback
    /// interface (the tests have no TLS proxy in front); <see cref="Environment"/> supplies the rest.
    /// </summary>
    public static Dictionary<string, string> ProductionSettings(int port, int managementPort) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["App__PublicBaseUrl"] = $"http://127.0.0.1:{port}",
        ["Api__Docs__Enabled"] = "false",
        ["Management__Port"] = managementPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private Task AddUserAsync(string email, string name, bool reviewer) =>
        TestAccounts.AddUserAsync(Environment(blogging: true, approvals: true, settings: null), email, name, reviewer);

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
        var (broker, bootstrap) = await HostProcess.StartEmbeddedBrokerAsync(StartTimeout);
        _processes.Add(broker);
        return bootstrap;
    }
}

[CollectionDefinition(Name)]
public sealed class DeploymentGroup : ICollectionFixture<Deployment>
{
    public const string Name = "deployment";
}
