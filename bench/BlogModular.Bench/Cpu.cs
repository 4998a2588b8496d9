using System.Globalization;
using Npgsql;

namespace BlogModular.Bench;

/// <summary>
/// CPU time (user + system, from /proc/&lt;pid&gt;/stat) of the processes a create goes through: the application process
/// under test, every process of the PostgreSQL cluster, and the broker process. The embedded broker that ./bench.sh
/// starts is a process of its own (<c>kafka-broker</c>), so its CPU is its own pid's; an external broker is not measured.
/// </summary>
internal sealed class CpuMeter
{
    private readonly int _postmaster;
    private readonly int? _broker;
    private readonly double _msPerTick;

    private CpuMeter(int postmaster, int? broker, double msPerTick)
    {
        _postmaster = postmaster;
        _broker = broker;
        _msPerTick = msPerTick;
    }

    public bool MeasuresBroker => _broker is not null;

    /// <summary>Finds the cluster's postmaster through its data directory's postmaster.pid (the cluster runs on this machine).</summary>
    public static async Task<CpuMeter> CreateAsync(NpgsqlDataSource db, int? brokerPid)
    {
        await using var command = db.CreateCommand("SHOW data_directory");
        var dataDirectory = (string)(await command.ExecuteScalarAsync())!;
        var postmaster = int.Parse((await File.ReadAllLinesAsync(Path.Combine(dataDirectory, "postmaster.pid")))[0], CultureInfo.InvariantCulture);
        var ticks = double.Parse((await Command.RunAsync("getconf", ["CLK_TCK"])).Trim(), CultureInfo.InvariantCulture);
        return new CpuMeter(postmaster, brokerPid, 1000 / ticks);
    }

    /// <summary>Cumulative CPU milliseconds so far of <paramref name="appPid"/>, the cluster and the broker.</summary>
    public CpuReading Read(int appPid) => new(
        Own(appPid) * _msPerTick,
        Cluster() * _msPerTick,
        _broker is { } broker ? Own(broker) * _msPerTick : null);

    private static long Own(int pid)
    {
        var stat = Stat(pid) ?? throw new InvalidOperationException($"Process {pid} is gone.");
        return stat.UserTicks + stat.SystemTicks;
    }

    /// <summary>
    /// The postmaster's own time, its reaped children's (cutime + cstime: backends of closed connections, finished
    /// autovacuum workers) and every live child's. A child that exits between two readings moves from the last sum to
    /// the second, so differences between readings count it once.
    /// </summary>
    private long Cluster()
    {
        var postmaster = Stat(_postmaster) ?? throw new InvalidOperationException($"The PostgreSQL postmaster ({_postmaster}) is gone.");
        var total = postmaster.UserTicks + postmaster.SystemTicks + postmaster.ChildUserTicks + postmaster.ChildSystemTicks;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) &&
                Stat(pid) is { } child && child.ParentId == _postmaster)
            {
                total += child.UserTicks + child.SystemTicks + child.ChildUserTicks + child.ChildSystemTicks;
            }
        }

        return total;
    }

    private sealed record ProcStat(int ParentId, long UserTicks, long SystemTicks, long ChildUserTicks, long ChildSystemTicks);

    /// <summary>Fields 4 and 14–17 of proc(5)'s stat; null when the process has exited meanwhile.</summary>
    private static ProcStat? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may contain spaces; the fields after it start at field 3.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        return new ProcStat((int)Field(4), Field(14), Field(15), Field(16), Field(17));
    }
}

/// <summary>Cumulative CPU milliseconds at one moment; the broker's is null when it is not measured.</summary>
internal sealed record CpuReading(double App, double Postgres, double? Broker)
{
    /// <summary>CPU milliseconds per post between <paramref name="start"/> and this reading.</summary>
    public CpuPerPost PerPostSince(CpuReading start, long posts) => new(
        (App - start.App) / posts,
        (Postgres - start.Postgres) / posts,
        Broker - start.Broker is { } broker ? broker / posts : null,
        posts);
}

/// <summary>CPU milliseconds per post of one load run, by component.</summary>
internal sealed record CpuPerPost(double App, double Postgres, double? Broker, long Posts)
{
    public double Total => App + Postgres + (Broker ?? 0);
}

/// <summary>A line of the CPU-per-post table: one configuration's runs.</summary>
internal sealed record CpuRow(string Run, IReadOnlyList<CpuPerPost> Runs)
{
    public Figure App => new(Runs.Select(r => r.App).ToList());

    public Figure Postgres => new(Runs.Select(r => r.Postgres).ToList());

    public Figure? Broker => Runs.All(r => r.Broker is not null) ? new(Runs.Select(r => r.Broker!.Value).ToList()) : null;

    public Figure Total => new(Runs.Select(r => r.Total).ToList());

    public Figure Posts => new(Runs.Select(r => (double)r.Posts).ToList());
}
