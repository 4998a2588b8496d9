using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace BlogModular.Bench;

/// <summary>
/// POST /api/posts needs a signed-in author, and a post's <c>author</c> column is the account's display name. So every
/// run tag the driver counts posts by (<c>WHERE author = $1</c>) is an account whose display name is that tag, made with
/// the host's own <c>accounts add-user</c> command before any host is started (so no measure includes it), signed in
/// with POST /api/auth/login against the host that is measured; the bearer token goes on every create.
/// </summary>
internal static partial class Runner
{
    private const string Password = "Bench-password-1";
    private const string WarmupOn = "warmup-on";
    private const string WarmupOff = "warmup-off";
    private const string MessagingOff = "p1-off";
    private const string LatencyAuthor = "p3";
    private const string ColdStartAuthor = "p5";
    private const string SustainAuthor = "p7-sustain";
    private const string P8Warmup = "p8-warmup";
    private const string P8Profile = "p8-profile";

    /// <summary>Tokens by host and author: one login per author on each host, however often its token is used.</summary>
    private static readonly Dictionary<(Uri Host, string Author), string> Tokens = [];

    private static string ThroughputAuthor(int rep) => $"p1-rep{rep}";

    private static string P8OursAuthor(int run) => $"p8-ours{run}";

    /// <summary>The bare pattern signs in any address without an account (bench/BlogModular.Bench.Bare).</summary>
    private static string P8BareAuthor(int run) => $"p8-bare{run}";

    private static string Email(string author) => $"{author}@bench.local";

    /// <summary>The authors the selected measures create posts as.</summary>
    private static List<string> Authors(Settings settings)
    {
        var authors = new List<string>();
        if (settings.Runs("P5"))
        {
            authors.Add(ColdStartAuthor);
        }

        if (settings.Runs("P1") || settings.Runs("P2") || settings.Runs("P4"))
        {
            authors.AddRange([WarmupOn, WarmupOff, MessagingOff]);
            authors.AddRange(Enumerable.Range(0, settings.Repetitions).Select(ThroughputAuthor));
        }

        if (settings.Runs("P8"))
        {
            authors.Add(P8Warmup);
            authors.AddRange(Enumerable.Range(0, settings.Repetitions + 1).Select(P8OursAuthor));
            if (settings.DotnetTrace is not null)
            {
                authors.Add(P8Profile);
            }
        }

        if (settings.Runs("P3"))
        {
            authors.Add(LatencyAuthor);
        }

        if (settings.Runs("P7"))
        {
            authors.Add(SustainAuthor);
        }

        return authors;
    }

    /// <summary>
    /// <c>BlogModular.Host accounts add-user</c> for each author, with the hosts' environment. In Development the command
    /// migrates the module databases first, so this also runs before the first host start on an empty database.
    /// </summary>
    private static async Task CreateAccountsAsync(Settings settings)
    {
        var authors = Authors(settings);
        if (authors.Count == 0)
        {
            return;
        }

        Log($"creating {authors.Count} bench accounts (display name = run tag): {string.Join(", ", authors)}");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var workingDirectory = Path.GetDirectoryName(Path.GetFullPath(settings.HostDll))!;
        foreach (var author in authors)
        {
            await Command.RunAsync("dotnet",
                [settings.HostDll, "accounts", "add-user", "--email", Email(author), "--name", author, "--password", Password],
                HostEnvironment(settings, messaging: true), workingDirectory);
        }

        Log($"  accounts ready in {clock.Elapsed.TotalSeconds:N1} s");
    }

    /// <summary>Signs <paramref name="author"/> in on <paramref name="host"/> (once per host) and returns the bearer token.</summary>
    private static async Task<string> TokenAsync(Child host, string author)
    {
        if (Tokens.TryGetValue((host.Address, author), out var cached))
        {
            return cached;
        }

        using var http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(60) };
        using var response = await http.PostAsJsonAsync("/api/auth/login", new { email = Email(author), password = Password });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"Login as {Email(author)} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var token = body.RootElement.GetProperty("accessToken").GetString()
                    ?? throw new InvalidOperationException($"Login as {Email(author)} returned no access token.");
        Tokens[(host.Address, author)] = token;
        return token;
    }

    /// <summary>An HttpClient for <paramref name="host"/> that sends <paramref name="token"/> as a bearer token.</summary>
    private static HttpClient AuthorClient(Child host, string token, TimeSpan? timeout = null)
    {
        var http = new HttpClient { BaseAddress = host.Address };
        if (timeout is { } value)
        {
            http.Timeout = value;
        }

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>The wrk script that creates posts on <paramref name="host"/> as <paramref name="author"/>.</summary>
    private static async Task<string> PostScriptAsync(Settings settings, Child host, string author) =>
        Wrk.PostScript(settings.OutputDirectory, author, await TokenAsync(host, author));
}
