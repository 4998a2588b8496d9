using System.Globalization;
using Npgsql;

namespace BlogModular.Bench;

internal static partial class Runner
{
    /// <summary>P7: host RSS at idle, during and after <see cref="Settings.SustainSeconds"/> of create load (the figure is 600 s).</summary>
    private static async Task<IEnumerable<Row>> MemoryAsync(Settings settings, NpgsqlDataSource db, Child host, Figure idle, Dictionary<string, string> context)
    {
        Log($"P7 memory: {settings.SustainSeconds} s of sustained create load (BENCH_SUSTAIN_SECONDS; the issue asks for 600)");
        const string author = SustainAuthor;
        var load = Wrk.RunAsync(settings, Posts(host), settings.SustainSeconds, await PostScriptAsync(settings, host, author));
        var interval = TimeSpan.FromSeconds(Math.Max(1, settings.SustainSeconds / 12.0));
        var samples = new List<double>();
        while (!load.IsCompleted)
        {
            samples.Add(host.RssMiB());
            await Task.WhenAny(load, Task.Delay(interval));
        }

        var sustained = await load;
        // Bounded: a pipeline that cannot keep up is reported (P4), not waited for.
        var drain = await DrainAsync(db, author, TimeSpan.FromSeconds(60), failOnTimeout: false);
        var after = await SampleRssAsync(host, settings.Repetitions);
        // Flat: the largest RSS of the second half of the load against the largest of the first half.
        var half = samples.Count / 2;
        var growth = half == 0 ? 0 : (samples.Skip(half).Max() / samples.Take(half).Max() - 1) * 100;
        context["P7 RSS samples during load (MiB)"] = string.Join(", ", samples.Select(s => s.ToString("N0", CultureInfo.InvariantCulture)));
        context["P7 load"] = $"{sustained.RequestsPerSecond:N0} creates/s for {settings.SustainSeconds} s; " +
                             $"{drain.Requests:N0} of {drain.Posts:N0} reached Approvals within 60 s after the load";
        Log($"  {sustained.RequestsPerSecond:N0} creates/s; RSS idle {idle.Median:N0} MiB, peak {samples.Max():N0} MiB, after {after.Median:N0} MiB, 2nd-half growth {growth:N1} %");

        return
        [
            new Row("P7", "host RSS at idle", "MiB", idle, Goal: "≤ 286 MiB", Meets: v => v <= 286),
            new Row("P7b", $"host RSS after {settings.SustainSeconds} s of create load", "MiB", after, Goal: "≤ 286 MiB", Meets: v => v <= 286),
            new Row("P7c", "RSS growth, 2nd half of the load vs 1st half (peak)", "%", new Figure([growth, growth, growth]), Goal: "flat (≤ 5 %)", Meets: v => v <= 5),
        ];
    }
}
