using System.Globalization;
using Npgsql;

namespace BlogModular.Bench;

internal static partial class Runner
{
    /// <summary>A measured create load: wrk's rate, the pipeline's timeline and the CPU it cost per post, until drained.</summary>
    private sealed record LoadRun(double CreatesPerSecond, Drain Drain, CpuPerPost Cpu, string LoadAverage);

    /// <summary>
    /// P8: the host against the bare pattern (bench/BlogModular.Bench.Bare: the same flow with Npgsql and Confluent.Kafka
    /// only) on the same PostgreSQL, broker, request body and wrk load. Runs alternate ours, bare, ours, …, ours, so each
    /// bare run sits between two of ours; its ratio takes the mean of those two, which cancels a machine that slowly
    /// gets busier or quieter.
    /// </summary>
    private static async Task<IEnumerable<Row>> BarePatternAsync(
        Settings settings, NpgsqlDataSource db, Child host, CpuMeter meter, List<CpuRow> cpu, List<Table> tables, Dictionary<string, string> context)
    {
        var dll = settings.BareDll ?? throw new InvalidOperationException("BENCH_BARE_DLL is not set; run ./bench.sh, which builds the bare pattern.");
        Log("P8: starting the bare pattern (Npgsql + Confluent.Kafka only; bench/BlogModular.Bench.Bare)");
        await using var bare = Child.Start(
            Path.Combine(settings.OutputDirectory, "bare.log"), "dotnet", [dll],
            new Dictionary<string, string>(HostEnvironment(settings, messaging: true)) { ["ConnectionStrings__Bare"] = settings.ConnectionString },
            Path.GetDirectoryName(Path.GetFullPath(dll))!, Child.FreePort());
        await bare.WaitUntilAnswersAsync(ReadyPath, StartTimeout);

        // A whole load run each: after 5 s the host's CPU per post still fell from run to run (tiered JIT at work).
        Log("  warm-up (JIT, connection pools, consumer groups), then both idle");
        await FirstCreateAsync(host, P8Warmup);
        await FirstCreateAsync(bare, P8Warmup);
        await Wrk.RunAsync(settings, Posts(host), settings.DurationSeconds, await PostScriptAsync(settings, host, P8Warmup));
        await DrainAsync(db, P8Warmup);
        await Wrk.RunAsync(settings, Posts(bare), settings.DurationSeconds, await PostScriptAsync(settings, bare, P8Warmup));
        await DrainAsync(db, P8Warmup, pipeline: Pipeline.Bare);
        context["P8 idle background (both apps up, no load)"] = await IdleBackgroundAsync(meter, host);

        // The first run of each: what PostgreSQL executed per post (the drain's polling queries show as the bench's role).
        await using var statements = await StatementStats.CreateAsync(settings);
        async Task<LoadRun> MeasuredAsync(Child app, string author, Pipeline pipeline, string name, bool first)
        {
            if (first)
            {
                await statements.ResetAsync();
            }

            var result = await LoadRunAsync(settings, db, app, author, pipeline, meter);
            if (first)
            {
                tables.Add(await statements.TableAsync($"Statements per post, {name} (first P8 run, {result.Drain.Posts:N0} posts, by execution time)",
                    "calls/post", result.Drain.Posts, byCalls: false));
            }

            return result;
        }

        var ours = new List<LoadRun>();
        var theirs = new List<LoadRun>();
        for (var run = 0; run <= settings.Repetitions; run++)
        {
            ours.Add(await MeasuredAsync(host, P8OursAuthor(run), Pipeline.Host, "ours", first: run == 0));
            Log($"  ours {run + 1}: {Describe(ours[^1])}");
            if (run == settings.Repetitions)
            {
                break;
            }

            theirs.Add(await MeasuredAsync(bare, P8BareAuthor(run), Pipeline.Bare, "bare pattern", first: run == 0));
            Log($"  bare {run + 1}: {Describe(theirs[^1])}");
        }

        if (settings.DotnetTrace is { } trace)
        {
            await ProfileAsync(settings, db, host, Pipeline.Host, "host", trace, tables);
            await ProfileAsync(settings, db, bare, Pipeline.Bare, "bare pattern", trace, tables);
        }

        context["P8 load average at each run (ours, bare, ours, …)"] = string.Join(", ",
            ours.Zip(theirs.Append(null), (o, t) => t is null ? o.LoadAverage : $"{o.LoadAverage}, {t.LoadAverage}"));
        cpu.Add(new CpuRow("outbox host (P8 runs, until drained)", ours.Select(r => r.Cpu).ToList()));
        cpu.Add(new CpuRow("bare pattern (P8 runs, until drained)", theirs.Select(r => r.Cpu).ToList()));

        // The mean of the two runs of ours around each bare run.
        Figure Ours(Func<LoadRun, double> value) =>
            new(Enumerable.Range(0, theirs.Count).Select(i => (value(ours[i]) + value(ours[i + 1])) / 2).ToList());
        Figure Theirs(Func<LoadRun, double> value) => new(theirs.Select(value).ToList());
        return
        [
            new Row("P8", "creates handled end to end (first save → last request stored)", "/s", Ours(r => r.Drain.EndToEndPerSecond),
                "bare pattern", Theirs(r => r.Drain.EndToEndPerSecond), "≥ 0.5", r => r >= 0.5),
            new Row("P8b", "CPU per post, all processes (app + PostgreSQL + broker)", "ms", Ours(r => r.Cpu.Total),
                "bare pattern", Theirs(r => r.Cpu.Total), "≤ 2×", r => r <= 2),
            new Row("P8c", "create-post throughput (wrk)", "req/s", Ours(r => r.CreatesPerSecond),
                "bare pattern", Theirs(r => r.CreatesPerSecond)),
        ];
    }

    /// <summary>One wrk load as <paramref name="author"/>, then the drain; CPU is read before the load and after the drain.</summary>
    private static async Task<LoadRun> LoadRunAsync(
        Settings settings, NpgsqlDataSource db, Child app, string author, Pipeline pipeline, CpuMeter meter)
    {
        // Signed in before the CPU reading, so no login falls in the measured interval.
        var script = await PostScriptAsync(settings, app, author);
        var loadAverage = (await File.ReadAllTextAsync("/proc/loadavg")).Split(' ')[0];
        var start = meter.Read(app.Id);
        var load = await Wrk.RunAsync(settings, Posts(app), settings.DurationSeconds, script);
        var drain = await DrainAsync(db, author, pipeline: pipeline);
        var cpu = meter.Read(app.Id).PerPostSince(start, drain.Posts);
        if (drain.Requests != drain.Posts)
        {
            throw new InvalidOperationException($"{drain.Posts} posts by {author} but {drain.Requests} approval requests: each post must have exactly one.");
        }

        return new LoadRun(load.RequestsPerSecond, drain, cpu, loadAverage);
    }

    /// <summary>CPU per second of PostgreSQL and the broker with both apps idle: their pollers' share of every run.</summary>
    private static async Task<string> IdleBackgroundAsync(CpuMeter meter, Child host)
    {
        const int seconds = 5;
        var start = meter.Read(host.Id);
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var end = meter.Read(host.Id);
        var broker = end.Broker - start.Broker is { } b ? (b / seconds).ToString("N1", CultureInfo.InvariantCulture) + " ms/s" : "not measured";
        return $"PostgreSQL {(end.Postgres - start.Postgres) / seconds:N1} ms/s, broker {broker}, host {(end.App - start.App) / seconds:N1} ms/s";
    }

    private static string Describe(LoadRun run) =>
        $"{run.CreatesPerSecond:N0} creates/s, end to end {run.Drain.EndToEndPerSecond:N0}/s, {run.Drain.Posts:N0} posts, " +
        $"CPU per post {Describe(run.Cpu)}, load average {run.LoadAverage}";
}
