using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace BlogModular.Bench;

internal static partial class Runner
{
    /// <summary>
    /// With BENCH_PROFILE=1 (./bench.sh installs dotnet-trace): one more P8 load run of <paramref name="app"/>, not
    /// measured, under dotnet-trace's sampled thread time. Writes the trace (.nettrace, and .speedscope.json for
    /// https://www.speedscope.app) to the results folder and the frames that ran most to the results.
    /// </summary>
    private static async Task ProfileAsync(Settings settings, NpgsqlDataSource db, Child app, Pipeline pipeline, string name, string dotnetTrace, List<Table> tables)
    {
        Log($"  profiling {name}: {settings.DurationSeconds} s of load under dotnet-trace (not measured)");
        var author = pipeline == Pipeline.Bare ? P8BareAuthor(settings.Repetitions + 1) : P8Profile;
        var script = await PostScriptAsync(settings, app, author);
        var output = Path.Combine(settings.OutputDirectory, $"profile-{name.Replace(' ', '-')}.nettrace");
        var trace = TraceAsync(dotnetTrace, app, output, TimeSpan.FromSeconds(settings.DurationSeconds + 2));
        // The session attaches within a second; the load fits in the traced window.
        await Task.Delay(TimeSpan.FromSeconds(1));
        await Wrk.RunAsync(settings, Posts(app), settings.DurationSeconds, script);
        await trace;
        await DrainAsync(db, author, pipeline: pipeline);
        tables.AddRange(TopFrames(Speedscope(output), $"{name} under P8's create load"));
    }

    /// <summary>
    /// With BENCH_PROFILE=1: one more Production start (not measured) traced from its first instruction by the runtime's
    /// own EventPipe (DOTNET_EnableEventPipe, sampled thread time), stopped once it is ready; the frames of the start.
    /// </summary>
    private static async Task<IEnumerable<Table>> ProfileStartAsync(Settings settings, string dotnetTrace)
    {
        Log("  profiling a cold start (not measured)");
        var output = Path.Combine(settings.OutputDirectory, "profile-start.nettrace");
        File.Delete(output);
        var environment = HostEnvironment(settings, messaging: true, "Production");
        environment["DOTNET_EnableEventPipe"] = "1";
        environment["DOTNET_EventPipeOutputPath"] = output;
        environment["DOTNET_EventPipeConfig"] = "Microsoft-DotNETCore-SampleProfiler:0:5,Microsoft-Windows-DotNETRuntime:0x4c14fccbd:5";
        TimeSpan ready;
        await using (var host = Child.Start(Path.Combine(settings.OutputDirectory, "coldstart.log"), "dotnet", [settings.HostDll],
                         environment, Path.GetDirectoryName(Path.GetFullPath(settings.HostDll))!, Child.FreePort()))
        {
            ready = await host.WaitUntilAnswersAsync(ReadyPath, StartTimeout);
        }

        // convert names its output <-o>.speedscope.json.
        await Command.RunAsync(dotnetTrace, ["convert", "--format", "Speedscope", "-o", Path.ChangeExtension(output, null), output]);
        return TopFrames(Speedscope(output), $"Production cold start, to ready ({ready.TotalMilliseconds:N0} ms traced)", until: ready.TotalMilliseconds);
    }

    /// <summary>With BENCH_PROFILE=1: the host at rest for one P9 window under dotnet-trace (after P9 measured it).</summary>
    private static async Task<IEnumerable<Table>> ProfileAtRestAsync(Settings settings, Child host, string environment, string dotnetTrace)
    {
        Log($"  profiling the host at rest ({environment}, {settings.IdleSeconds} s, not measured)");
        var output = Path.Combine(settings.OutputDirectory, $"profile-rest-{environment.ToLowerInvariant()}.nettrace");
        await TraceAsync(dotnetTrace, host, output, TimeSpan.FromSeconds(settings.IdleSeconds));
        return TopFrames(Speedscope(output), $"host at rest, {environment}");
    }

    /// <summary>dotnet-trace's sampled thread time of <paramref name="process"/> for <paramref name="duration"/>, as .nettrace and .speedscope.json.</summary>
    private static Task<string> TraceAsync(string dotnetTrace, Child process, string output, TimeSpan duration) =>
        Command.RunAsync(dotnetTrace,
        [
            "collect", "-p", process.Id.ToString(CultureInfo.InvariantCulture), "--profile", "dotnet-sampled-thread-time",
            "--format", "Speedscope", "-o", output,
            "--duration", duration.ToString(@"dd\:hh\:mm\:ss", CultureInfo.InvariantCulture),
        ]);

    private static string Speedscope(string nettrace) => Path.ChangeExtension(nettrace, ".speedscope.json");

    /// <summary>
    /// The frames of a speedscope export of sampled thread time (every managed thread's stack, sampled by the runtime):
    /// the exporter ends each sample with CPU_TIME when the thread ran managed code, or UNMANAGED_CODE_TIME when it was
    /// in native code (waits, I/O, librdkafka, the JIT compiler), which is left out. Self: the frame itself ran; total:
    /// it or something it called. A thread parked in managed spinning or a managed wait loop still counts as running.
    /// </summary>
    private static IEnumerable<Table> TopFrames(string speedscope, string name, double until = double.MaxValue, int limit = 25)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(speedscope));
        var frames = document.RootElement.GetProperty("shared").GetProperty("frames").EnumerateArray()
            .Select(f => f.GetProperty("name").GetString() ?? "?").ToArray();
        var self = new double[frames.Length];
        var total = new double[frames.Length];
        var busy = 0.0;
        foreach (var profile in document.RootElement.GetProperty("profiles").EnumerateArray())
        {
            var stack = new List<int>();
            double? last = null;
            foreach (var e in profile.GetProperty("events").EnumerateArray())
            {
                var at = Math.Min(e.GetProperty("at").GetDouble(), until);
                if (last is { } from && stack.Count > 1 && frames[stack[^1]] == "CPU_TIME")
                {
                    var span = at - from;
                    busy += span;
                    self[stack[^2]] += span;
                    foreach (var frame in stack.Take(stack.Count - 1).Distinct())
                    {
                        total[frame] += span;
                    }
                }

                last = at;
                var frameIndex = e.GetProperty("frame").GetInt32();
                if (e.GetProperty("type").GetString() == "O")
                {
                    stack.Add(frameIndex);
                }
                else if (stack.LastIndexOf(frameIndex) is var i and >= 0)
                {
                    stack.RemoveRange(i, stack.Count - i);
                }
            }
        }

        string Percent(double value) => (value / busy * 100).ToString("N1", CultureInfo.InvariantCulture);
        IReadOnlyList<string> Row(int i) => [Percent(self[i]), Percent(total[i]), "`" + Shorten(frames[i]) + "`"];
        var running = Enumerable.Range(0, frames.Length).Where(i => frames[i] != "CPU_TIME").ToList();
        return
        [
            // Where the time is spent in the frame itself: the runtime's own spinning and waiting show here.
            new Table($"Frames that ran most themselves: {name} (sampled thread time, native code and waits left out; % of the running samples)",
                ["self %", "total %", "frame"], running.OrderByDescending(i => self[i]).Take(10).Select(Row).ToList()),
            // What called it: the application's and the libraries' frames, the runtime's plumbing left out.
            new Table($"Frames that ran most with their callees: {name} (runtime plumbing left out)",
                ["self %", "total %", "frame"], running.Where(i => !Plumbing(frames[i])).OrderByDescending(i => total[i]).Take(limit).Select(Row).ToList()),
        ];
    }

    /// <summary>Frames every sample passes through (the process, threads, the runtime's async and thread-pool machinery): they rank first and say nothing.</summary>
    private static bool Plumbing(string frame) =>
        frame.StartsWith("System.Private.CoreLib!", StringComparison.OrdinalIgnoreCase) ||
        frame.StartsWith("Process", StringComparison.Ordinal) || frame.StartsWith("Thread", StringComparison.Ordinal) ||
        frame is "(Non-Activities)" or "CPU_TIME" or "?!?";

    private static string Shorten(string frame)
    {
        var text = frame.Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal);
        return text.Length > 160 ? text[..160] + "…" : text;
    }
}
