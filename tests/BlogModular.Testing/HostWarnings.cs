using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BlogModular.Testing;

/// <summary>
/// An in-process host's latest warnings and errors (add it as a logger provider), so a test that times out waiting for
/// the host can say what the host reported meanwhile: its console output is not part of a test's result.
/// </summary>
public sealed class HostWarnings : ILoggerProvider
{
    private const int Kept = 40;
    private readonly ConcurrentQueue<string> _entries = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>The kept entries, oldest first; empty when the host reported nothing.</summary>
    public string Latest() => string.Join(Environment.NewLine, _entries);

    /// <summary>The kept entries under a heading, to follow a failure's message.</summary>
    public string Report() => $"The host's latest warnings:{Environment.NewLine}{Latest()}";

    public void Dispose()
    {
    }

    private void Add(string entry)
    {
        _entries.Enqueue(entry);
        while (_entries.Count > Kept && _entries.TryDequeue(out _))
        {
        }
    }

    private sealed class Logger(HostWarnings log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Add($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})")}");
            }
        }
    }
}
