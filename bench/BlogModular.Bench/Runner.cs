using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace BlogModular.Bench;

/// <summary>Runs every measure of docs/performance.md against one PostgreSQL and one Kafka-protocol broker, in one process tree.</summary>
internal static partial class Runner
{
    private const string ReadyPath = "/health/ready";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    public static async Task<int> RunAsync(Settings settings)
    {
        Directory.CreateDirectory(settings.OutputDirectory);
        await using var db = NpgsqlDataSource.Create(settings.ConnectionString);
        var rows = new List<Row>();
        var cpu = new List<CpuRow>();
        var tables = new List<Table>();
        var context = new Dictionary<string, string>
        {
            ["label"] = settings.Label,
            ["commit"] = (await TryAsync(() => Command.RunAsync("git", ["rev-parse", "--short", "HEAD"]))).Trim(),
            ["when (UTC)"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            ["machine"] = $"{Environment.ProcessorCount} cores, load average {(await File.ReadAllTextAsync("/proc/loadavg")).Split(' ')[0]} at start",
            ["settings"] = $"{settings.Repetitions} repetitions, {settings.DurationSeconds} s per load run, {settings.Concurrency} connections, " +
                           $"{settings.LatencySamples} sequential samples per latency repetition, feed {settings.FeedPosts:N0} posts, sustain {settings.SustainSeconds} s",
        };

        try
        {
            await MeasureAsync(settings, db, rows, cpu, tables, context);
        }
        finally
        {
            // Whatever was measured is written, also when a later measure fails.
            context["load average at end"] = (await File.ReadAllTextAsync("/proc/loadavg")).Split(' ')[0];
            await Report.WriteAsync(settings, rows, cpu, tables, context);
            Console.WriteLine();
            Console.WriteLine(Report.Markdown(rows, cpu, tables, context));
        }

        return 0;
    }

    private static async Task MeasureAsync(
        Settings settings, NpgsqlDataSource db, List<Row> rows, List<CpuRow> cpu, List<Table> tables, Dictionary<string, string> context)
    {
        // Before any host starts, so neither P5 nor any other measure includes making the roles or the accounts.
        Log("migrate: the module roles, their schemas and Wolverine's tables (admin connection)");
        var migrate = HostEnvironment(settings, messaging: true);
        migrate["ConnectionStrings__Admin"] = settings.ConnectionString;
        await Command.RunAsync("dotnet", [settings.HostDll, "migrate"], migrate, Path.GetDirectoryName(Path.GetFullPath(settings.HostDll))!);
        await CreateAccountsAsync(settings);
        if (settings.Runs("P5"))
        {
            rows.AddRange(await ColdStartAsync(settings, tables));
        }

        // Before the measured host starts: each P9 host runs alone.
        if (settings.Runs("P9"))
        {
            rows.AddRange(await IdleAsync(settings, await CpuMeter.CreateAsync(db, settings.BrokerPid), tables));
        }

        Log("starting the host (durable outbox and inbox, as deployed)");
        await using var host = await StartHostAsync(settings, "host", messaging: true);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var idleRss = await SampleRssAsync(host, settings.Repetitions);

        if (settings.Runs("P1") || settings.Runs("P2") || settings.Runs("P4"))
        {
            rows.AddRange(await ThroughputAsync(settings, db, host, await CpuMeter.CreateAsync(db, settings.BrokerPid), cpu));
        }

        if (settings.Runs("P8"))
        {
            rows.AddRange(await BarePatternAsync(settings, db, host, await CpuMeter.CreateAsync(db, settings.BrokerPid), cpu, tables, context));
        }

        if (settings.Runs("P3"))
        {
            rows.AddRange(await LatencyAsync(settings, db, host));
        }

        // P10 searches the posts P6 seeds.
        if (settings.Runs("P6") || settings.Runs("P10"))
        {
            rows.AddRange(await FeedAsync(settings, db, host));
        }

        if (settings.Runs("P7"))
        {
            rows.AddRange(await MemoryAsync(settings, db, host, idleRss, context));
        }
    }

    private static Dictionary<string, string> HostEnvironment(Settings settings, bool messaging, string environmentName = "Development")
    {
        var environment = new Dictionary<string, string>(ModuleLogins(settings))
        {
            ["ASPNETCORE_ENVIRONMENT"] = environmentName,
            ["Kafka__BootstrapServers"] = settings.Kafka,
            ["Kafka__AutoProvision"] = "false",
            // The driver signs each bench author in once per host; the login rate limit (10 a minute per client address)
            // guards against password guessing and would otherwise cap BENCH_REPS. No measured endpoint is rate limited.
            ["Accounts__RateLimit__PermitLimit"] = "1000",
            // The per-author limit on writing posts would cap the throughput runs, whose authors write thousands.
            ["RateLimits__Writing__PermitLimit"] = "100000000",
            // Required outside Development (the cold-start run is in Production); no e-mail is sent here.
            ["App__PublicBaseUrl"] = "http://127.0.0.1",
            // As deployed: src/Host/Dockerfile sets it (ADR 0010).
            ["MALLOC_ARENA_MAX"] = "2",
        };
        if (!messaging)
        {
            // Benchmark-only switch (src/Host/BenchmarkSwitch.cs); Approvals off so this host joins no group of the other.
            environment["Benchmark__DisableMessaging"] = "true";
            environment["Modules__Approvals__Enabled"] = "false";
        }

        return environment;
    }

    private static Dictionary<string, string>? _moduleLogins;

    /// <summary>
    /// The hosts connect as one login role per module (the folders under src/Modules) and one for the message store,
    /// as deployed; migrate creates them with these passwords, made up per run.
    /// </summary>
    private static Dictionary<string, string> ModuleLogins(Settings settings)
    {
        if (_moduleLogins is not null)
        {
            return _moduleLogins;
        }

        // bench.sh runs from the repository; the published host it starts lives in a temporary directory outside it.
        var directory = FindRepository(Environment.CurrentDirectory) ?? FindRepository(Path.GetDirectoryName(Path.GetFullPath(settings.HostDll))!);
        if (directory is null)
        {
            throw new InvalidOperationException("Cannot find src/Modules: run the benchmark through ./bench.sh, from the repository.");
        }

        var modules = Directory.GetDirectories(Path.Combine(directory.FullName, "src", "Modules")).Select(Path.GetFileName);
        _moduleLogins = [];
        foreach (var name in modules.Append("Messaging"))
        {
            var login = new NpgsqlConnectionStringBuilder(settings.ConnectionString)
            {
                Username = $"blogmodular_{name!.ToLowerInvariant()}",
                Password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
            };
            _moduleLogins[$"ConnectionStrings__{name}"] = login.ConnectionString;
        }

        return _moduleLogins;
    }

    private static DirectoryInfo? FindRepository(string start)
    {
        var directory = new DirectoryInfo(start);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "src", "Modules")))
        {
            directory = directory.Parent;
        }

        return directory;
    }

    private static Child LaunchHost(Settings settings, string name, bool messaging, string environmentName = "Development") =>
        Child.Start(
            Path.Combine(settings.OutputDirectory, $"{name}.log"), "dotnet", [settings.HostDll],
            HostEnvironment(settings, messaging, environmentName), Path.GetDirectoryName(Path.GetFullPath(settings.HostDll))!, Child.FreePort());

    private static async Task<Child> StartHostAsync(Settings settings, string name, bool messaging)
    {
        var host = LaunchHost(settings, name, messaging);
        await host.WaitUntilAnswersAsync(ReadyPath, StartTimeout);
        return host;
    }

    private static async Task<Figure> SampleRssAsync(Child process, int samples)
    {
        var values = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            values.Add(process.RssMiB());
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        return new Figure(values);
    }

    private static Uri Posts(Child host) => new(host.Address, "/api/posts");

    internal static void Log(string message) =>
        Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    private static async Task<string> TryAsync(Func<Task<string>> action)
    {
        try
        {
            return await action();
        }
        catch (InvalidOperationException)
        {
            return "";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }

    internal static double Ms(long fromTimestamp, long toTimestamp) =>
        Stopwatch.GetElapsedTime(fromTimestamp, toTimestamp).TotalMilliseconds;
}
