using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace BlogModular.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster for tests, started through <c>scripts/postgres.sh</c> in a temp directory
/// on a free port (durability off: PG_FAST=1), and stopped and deleted on dispose. When
/// BLOGMODULAR_TEST_POSTGRES holds a connection string, that server is used instead and left alone.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string ExternalServerVariable = "BLOGMODULAR_TEST_POSTGRES";

    private const string DefaultDatabase = "blogmodular_tests";

    // A free port can be taken by another process between probing and binding; a new one is tried.
    private const int StartAttempts = 3;

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);

    private static readonly Dictionary<string, string> FastEnvironment = new() { ["PG_FAST"] = "1" };

    private readonly string? _dataDirectory;
    private readonly string? _tempDirectory;
    private int _disposed;

    private PostgresServer(string connectionString, string? tempDirectory)
    {
        ConnectionString = connectionString;
        _tempDirectory = tempDirectory;
        if (tempDirectory is not null)
        {
            _dataDirectory = Path.Combine(tempDirectory, "data");

            // Safety net: a test run that never disposes its server must not leave a postmaster behind.
            AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        }
    }

    public string ConnectionString { get; }

    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new PostgresServer(external, tempDirectory: null);
        }

        var script = FindScript();
        var tempDirectory = Directory.CreateTempSubdirectory("blogmodular-pg-").FullName;
        var dataDirectory = Path.Combine(tempDirectory, "data");
        try
        {
            ScriptResult? last = null;
            for (var attempt = 1; attempt <= StartAttempts; attempt++)
            {
                var port = FreePort().ToString(CultureInfo.InvariantCulture);
                last = await RunScriptAsync(
                    script, ["start", dataDirectory, port, DefaultDatabase], FastEnvironment, cancellationToken);
                if (last.ExitCode == 0)
                {
                    return new PostgresServer(LastLine(last.StandardOutput), tempDirectory);
                }
            }

            throw last!.ToException($"postgres.sh start failed {StartAttempts} times");
        }
        catch
        {
            // Initdb may have run and a server may be up; don't leave either behind, nor mask the error.
            try
            {
                await RunScriptAsync(script, ["stop", dataDirectory], null, CancellationToken.None);
                TryDelete(tempDirectory);
            }
            catch (Exception cleanupError) when (cleanupError is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
            {
                // Reported through the original exception below.
            }

            throw;
        }
    }

    /// <summary>The same server, another database (which may not exist yet: see <see cref="CreateDatabaseAsync"/>).</summary>
    public string ConnectionStringFor(string database)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        var builder = new DbConnectionStringBuilder { ConnectionString = ConnectionString };
        builder.Remove("DB");
        builder["Database"] = database;
        return builder.ConnectionString;
    }

    /// <summary>Creates the database if it does not exist. Names are limited to [A-Za-z0-9_-], 63 characters.</summary>
    public async Task CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var builder = new DbConnectionStringBuilder { ConnectionString = ConnectionString };
        var host = Find(builder, "Host", "Server") ?? "127.0.0.1";
        var port = Find(builder, "Port") ?? "5432";
        var user = Find(builder, "Username", "User ID", "UserId", "User Name", "User") ?? "postgres";
        var password = Find(builder, "Password", "PWD");
        var environment = password is null ? null : new Dictionary<string, string> { ["PGPASSWORD"] = password };

        var result = await RunScriptAsync(FindScript(), ["createdb", port, name, host, user], environment, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw result.ToException($"could not create database {name}");
        }
    }

    /// <summary>Fault injection: stops the server (fast shutdown) while clients are connected. Own clusters only.</summary>
    public async Task StopServerAsync()
    {
        var result = await RunScriptAsync(FindScript(), ["stop", OwnDataDirectory()], null, CancellationToken.None);
        if (result.ExitCode != 0)
        {
            throw result.ToException("could not stop the server");
        }
    }

    /// <summary>Starts a server stopped by <see cref="StopServerAsync"/> again, on the same port and data.</summary>
    public async Task RestartServerAsync()
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = ConnectionString };
        var result = await RunScriptAsync(
            FindScript(), ["start", OwnDataDirectory(), Find(builder, "Port")!, DefaultDatabase], FastEnvironment, CancellationToken.None);
        if (result.ExitCode != 0)
        {
            throw result.ToException("could not start the server again");
        }
    }

    private string OwnDataDirectory() =>
        _dataDirectory ?? throw new InvalidOperationException($"{ExternalServerVariable} points at a server these tests do not own.");

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || _tempDirectory is null)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        var result = await RunScriptAsync(FindScript(), ["stop", _dataDirectory!], null, CancellationToken.None);
        if (result.ExitCode != 0)
        {
            // Keep the directory: the server may still be running from it.
            throw result.ToException($"postgres.sh stop failed; {_tempDirectory} was kept");
        }

        TryDelete(_tempDirectory);
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Synchronous on purpose: the process is going away, nothing else will run.
        using var process = Process.Start(CreateStartInfo(FindScript(), ["stop", _dataDirectory!], null));
        process?.WaitForExit(TimeSpan.FromSeconds(60));
        TryDelete(_tempDirectory!);
    }

    private static string? Find(DbConnectionStringBuilder builder, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (builder.TryGetValue(key, out var value) && value?.ToString() is { Length: > 0 } text)
            {
                return text;
            }
        }

        return null;
    }

    private static string LastLine(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()
        ?? throw new InvalidOperationException("postgres.sh start printed no connection string.");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>scripts/postgres.sh of the repository holding this test assembly.</summary>
    private static string FindScript()
    {
        var script = Path.Combine(Repository.Root, "scripts", "postgres.sh");
        return File.Exists(script) ? script : throw new FileNotFoundException("The repository has no scripts/postgres.sh.", script);
    }

    private static ProcessStartInfo CreateStartInfo(
        string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var startInfo = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        return startInfo;
    }

    private static async Task<ScriptResult> RunScriptAsync(
        string script,
        string[] arguments,
        IReadOnlyDictionary<string, string>? environment,
        CancellationToken cancellationToken)
    {
        using var process = Process.Start(CreateStartInfo(script, arguments, environment))
            ?? throw new InvalidOperationException("Could not start bash.");

        // Both streams are drained concurrently: a full stderr pipe would block the script.
        var standardOutput = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var standardError = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new TimeoutException(
                $"postgres.sh {string.Join(' ', arguments)} did not finish within {ScriptTimeout.TotalSeconds:0} s.");
        }

        return new ScriptResult(
            $"postgres.sh {string.Join(' ', arguments)}", process.ExitCode, await standardOutput, await standardError);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; failing a test run over it is not worth it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private sealed record ScriptResult(string Command, int ExitCode, string StandardOutput, string StandardError)
    {
        public InvalidOperationException ToException(string message) =>
            new($"{message}: `{Command}` exited with {ExitCode}.{Environment.NewLine}{StandardError.Trim()}");
    }
}
