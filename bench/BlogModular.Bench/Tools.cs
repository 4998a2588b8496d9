using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace BlogModular.Bench;

/// <summary>A child process (host, bare API) whose output goes to a log file in the results folder.</summary>
internal sealed class Child : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private Child(Process process, StreamWriter log, Uri address, Stopwatch sinceStart)
    {
        _process = process;
        _log = log;
        Address = address;
        SinceStart = sinceStart;
        _process.OutputDataReceived += (_, e) => Write(e.Data);
        _process.ErrorDataReceived += (_, e) => Write(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public int Id => _process.Id;

    /// <summary>Started just before the process, for cold-start timings.</summary>
    public Stopwatch SinceStart { get; }

    public static Child Start(string logFile, string program, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, string workingDirectory, int port)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var address = new Uri($"http://127.0.0.1:{port}");
        info.Environment["ASPNETCORE_URLS"] = address.ToString();
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var clock = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}.");
        return new Child(process, log, address, clock);
    }

    /// <summary>Resident set size from /proc/&lt;pid&gt;/status, in MiB.</summary>
    public double RssMiB()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                return kb / 1024;
            }
        }

        throw new InvalidOperationException("VmRSS not found.");
    }

    /// <summary>Polls <paramref name="path"/> until it answers 200 and returns the time since start.</summary>
    public async Task<TimeSpan> WaitUntilAnswersAsync(string path, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        while (SinceStart.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_process.StartInfo.FileName} exited with {_process.ExitCode}; see the log in the results folder.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return SinceStart.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but not answering yet.
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"{Address}{path} did not answer 200 within {timeout}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM first, as a container runtime would, so Wolverine leaves its consumer groups cleanly.
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        await _log.DisposeAsync();
    }

    private void Write(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.WriteLine(line);
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Runs a command to completion and returns its standard output; fails with its output on a non-zero exit.</summary>
internal static partial class Command
{
    public static async Task<string> RunAsync(
        string program, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', info.ArgumentList)} exited with {process.ExitCode}:\n{await output}\n{await errors}");
        }

        return await output + await errors;
    }
}

/// <summary>wrk: HTTP throughput and latency percentiles.</summary>
internal static partial class Wrk
{
    public sealed record Result(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests);

    public static async Task<Result> RunAsync(Settings settings, Uri url, int seconds, string? script = null)
    {
        List<string> args = ["-t2", $"-c{settings.Concurrency}", $"-d{seconds}s", "--latency", "--timeout", "10s"];
        if (script is not null)
        {
            args.AddRange(["-s", script]);
        }

        args.Add(url.ToString());
        var output = await Command.RunAsync(settings.Wrk, args);
        if (NonSuccess().Match(output) is { Success: true } bad)
        {
            throw new InvalidOperationException($"wrk got {bad.Groups[1].Value} non-2xx answers from {url}:\n{output}");
        }

        var rps = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var requests = long.Parse(Requests().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        return new Result(rps, LatencyMs(output, "50"), LatencyMs(output, "99"), requests);
    }

    /// <summary>
    /// A wrk script that POSTs one JSON body as the signed-in <paramref name="author"/> (bearer <paramref name="token"/>);
    /// the author's display name tags the run so its posts can be counted.
    /// </summary>
    public static string PostScript(string folder, string author, string token)
    {
        var path = Path.Combine(folder, $"post-{author}.lua");
        File.WriteAllText(path, $$"""
            wrk.method = "POST"
            wrk.headers["Content-Type"] = "application/json"
            wrk.headers["Authorization"] = "Bearer {{token}}"
            wrk.body = '{"title":"Benchmark post","category":"general","content":"{{new string('x', 400)}}"}'
            """);
        return path;
    }

    private static double LatencyMs(string output, string percentile)
    {
        var match = Regex.Match(output, $@"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline, TimeSpan.FromSeconds(1));
        if (!match.Success)
        {
            throw new InvalidOperationException($"No {percentile}% latency in wrk output:\n{output}");
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Requests();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccess();
}

/// <summary>pgbench with a custom single-row INSERT script: the database's own limit for the create path.</summary>
internal static partial class PgBench
{
    public static async Task<double> TpsAsync(Settings settings, string script, int seconds)
    {
        var pg = settings.Postgres;
        var output = await Command.RunAsync(settings.PgBench,
        [
            "-n", "-M", "extended", "-c", settings.Concurrency.ToString(CultureInfo.InvariantCulture), "-j", "2",
            "-T", seconds.ToString(CultureInfo.InvariantCulture), "-f", script,
            "-h", pg.Host!, "-p", pg.Port.ToString(CultureInfo.InvariantCulture), "-U", pg.Username!, pg.Database!,
        ]);
        var match = Tps().Match(output);
        return match.Success
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"No tps in pgbench output:\n{output}");
    }

    [GeneratedRegex(@"tps = ([\d.]+) \(without initial connection time\)")]
    private static partial Regex Tps();
}
