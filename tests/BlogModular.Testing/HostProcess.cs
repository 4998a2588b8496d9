using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BlogModular.Testing;

/// <summary>
/// The built host as a separate OS process (as deployed), with its output captured line by line.
/// Stopped with SIGTERM, like a container runtime would, and killed if it does not exit.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _errorLines = new();

    private HostProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        _process.OutputDataReceived += (_, e) => Capture(e.Data);
        _process.ErrorDataReceived += (_, e) =>
        {
            Capture(e.Data);
            if (e.Data is not null)
            {
                _errorLines.Enqueue(e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public Uri? BaseAddress { get; private init; }

    /// <summary>Standard output and standard error, interleaved as they arrived.</summary>
    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>Standard error alone.</summary>
    public IReadOnlyCollection<string> ErrorLines => _errorLines;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <c>dotnet BlogModular.Host.dll args…</c>; with <paramref name="port"/>, it serves HTTP there.</summary>
    public static HostProcess Start(string name, IReadOnlyDictionary<string, string> environment, int? port = null, params string[] args)
    {
        Uri? address = port is { } p ? new Uri($"http://127.0.0.1:{p}") : null;
        var variables = new Dictionary<string, string>(environment);
        if (address is not null)
        {
            variables["ASPNETCORE_URLS"] = address.ToString();
        }

        // The host's own output folder is its content root (appsettings.json lives there).
        return StartProgram(name, "dotnet", [Repository.HostAssembly, .. args], variables, Path.GetDirectoryName(Repository.HostAssembly)!, address);
    }

    /// <summary>Starts any program (e.g. the nginx front door) with its output captured.</summary>
    public static HostProcess StartProgram(
        string name, string fileName, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, string workingDirectory, Uri? address)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {name}.");
        return new HostProcess(name, process) { BaseAddress = address };
    }

    /// <summary>
    /// The stand-alone embedded Kafka broker (<c>BlogModular.Host kafka-broker</c>), as split deployments use it
    /// on machines without Kafka; returns the process and its bootstrap address.
    /// </summary>
    public static async Task<(HostProcess Broker, string Bootstrap)> StartEmbeddedBrokerAsync(TimeSpan timeout)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("blogmodular-kafka-").FullName, "bootstrap");
        var broker = Start("kafka-broker", new Dictionary<string, string>(), port: null, "kafka-broker", "--bootstrap-file", file);
        await broker.WaitForLineAsync("Embedded Kafka broker", timeout);
        return (broker, (await File.ReadAllTextAsync(file)).Trim());
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public int CountLines(string fragment) => _lines.Count(line => line.Contains(fragment, StringComparison.Ordinal));

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress ?? throw new InvalidOperationException($"{Name} serves no HTTP.") };

    /// <summary>Waits until /health/ready answers 200, failing early (with the output) if the process dies.</summary>
    public Task WaitUntilReadyAsync(TimeSpan timeout) => WaitUntilAnswersAsync("/health/ready", timeout);

    /// <summary>Waits until <paramref name="path"/> answers 200, failing early (with the output) if the process dies.</summary>
    public async Task WaitUntilAnswersAsync(string path, TimeSpan timeout)
    {
        using var http = CreateClient();
        http.Timeout = TimeSpan.FromSeconds(5);
        // A timeout says what the process was doing when it did not become ready.
        await Eventually.ExplainedAsync(() => Eventually.HoldsAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:{Environment.NewLine}{Tail()}");
            }

            try
            {
                return (await http.GetAsync(path)).StatusCode == HttpStatusCode.OK;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Refused while starting, or a probe slower than its 5 s on a busy machine: not ready yet.
                return false;
            }
        }, timeout, $"{Name} to be ready"), () => Task.FromResult(Tail()));
    }

    public Task<string> WaitForLineAsync(string fragment, TimeSpan timeout) =>
        Eventually.GetAsync(() => Task.FromResult(_lines.FirstOrDefault(line => line.Contains(fragment, StringComparison.Ordinal))), timeout, $"'{fragment}' from {Name}");

    /// <summary>For one-shot commands (e.g. <c>accounts add-user</c>): waits for the exit and returns its code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(wait.Token);
        return _process.ExitCode;
    }

    /// <summary>The console logger's "warn:" and "fail:" entries so far, each joined with its message line.</summary>
    public IEnumerable<string> Warnings()
    {
        var lines = _lines.ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].StartsWith("warn:", StringComparison.Ordinal) || lines[i].StartsWith("fail:", StringComparison.Ordinal))
            {
                yield return i + 1 < lines.Count ? $"{lines[i]} {lines[i + 1].Trim()}" : lines[i];
            }
        }
    }

    public string Tail(int count = 40) => string.Join(Environment.NewLine, _lines.TakeLast(count));

    /// <summary>SIGTERM, then up to <paramref name="grace"/> for a graceful exit; SIGKILL after that.</summary>
    public async Task StopAsync(TimeSpan? grace = null)
    {
        if (_process.HasExited)
        {
            return;
        }

        await TerminateAsync();
        using var wait = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(20));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Sends SIGTERM, as a container runtime does first, and returns at once: the process shuts down on its own.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>SIGKILL: the process dies at once, mid-request and mid-transaction, like a crash or an out-of-memory kill.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private void Capture(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue($"{line}");
        }
    }
}
