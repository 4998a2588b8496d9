using System.Net;
using System.Net.Http.Json;

namespace BlogModular.Bench;

internal static partial class Runner
{
    /// <summary>P5: process start → /health/ready (and → first create answered) ÷ a bare minimal API's start → first 200.</summary>
    private static async Task<IEnumerable<Row>> ColdStartAsync(Settings settings, List<Table> tables)
    {
        Log("P5 cold start: one unmeasured start (page cache, sign-in), then host and bare API alternately");
        // The author signs in on the unmeasured start; the timed hosts accept its token (the Data Protection key ring
        // is shared through PostgreSQL), so no login falls inside the measured start → first create.
        string token;
        await using (var warm = await StartHostAsync(settings, "coldstart", messaging: true))
        {
            token = await TokenAsync(warm, ColdStartAuthor);
        }

        var ready = new List<double>();
        var firstCreate = new List<double>();
        var bare = new List<double>();
        var benchDll = Path.Combine(AppContext.BaseDirectory, "BlogModular.Bench.dll");
        for (var rep = 0; rep < settings.Repetitions; rep++)
        {
            // As deployed: Production, where migrations are a deployment step (the unmeasured start applied them).
            await using (var host = LaunchHost(settings, "coldstart", messaging: true, environmentName: "Production"))
            {
                ready.Add((await host.WaitUntilAnswersAsync(ReadyPath, StartTimeout)).TotalMilliseconds);
                using var http = AuthorClient(host, token);
                using var response = await http.PostAsJsonAsync("/api/posts", new { title = "Cold start", category = "general", content = "First request" });
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"First create answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }

                firstCreate.Add(host.SinceStart.Elapsed.TotalMilliseconds);
            }

            await using (var api = Child.Start(Path.Combine(settings.OutputDirectory, "bare-api.log"), "dotnet", [benchDll, "bare-api"],
                             new Dictionary<string, string>(), AppContext.BaseDirectory, Child.FreePort()))
            {
                bare.Add((await api.WaitUntilAnswersAsync("/", StartTimeout)).TotalMilliseconds);
            }

            Log($"  rep {rep + 1}: host ready {ready[^1]:N0} ms, first create {firstCreate[^1]:N0} ms; bare API {bare[^1]:N0} ms");
        }

        if (settings.DotnetTrace is { } trace)
        {
            tables.AddRange(await ProfileStartAsync(settings, trace));
        }

        return
        [
            new Row("P5", "cold start → /health/ready", "ms", new Figure(ready), "bare minimal API → first 200", new Figure(bare), "≤ 4×", r => r <= 4),
            new Row("P5b", "cold start → first create answered", "ms", new Figure(firstCreate), "bare minimal API", new Figure(bare)),
        ];
    }
}
