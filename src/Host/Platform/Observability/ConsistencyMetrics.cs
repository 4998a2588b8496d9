using System.Diagnostics.Metrics;
using BlogModular.BuildingBlocks.Messaging;
using BlogModular.BuildingBlocks.Modules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BlogModular.Host.Platform.Observability;

/// <summary>
/// The enabled modules' consistency gauges (<see cref="ModuleDescriptor.Consistency"/>), named
/// <c>blogmodular.&lt;module&gt;.&lt;gauge&gt;</c>: messages not acknowledged by the other module yet, and requests it could
/// not place. Read when metrics are collected, one read per module per collection; each process reports the modules
/// it runs, over the shared database, so aggregate with max().
/// </summary>
internal sealed partial class ConsistencyMetrics : IHostedService, IDisposable
{
    public const string MeterName = ObservabilitySetup.SourcePrefix + "Consistency";

    private static readonly TimeSpan ReadingLifetime = TimeSpan.FromSeconds(1);

    private readonly Meter _meter;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<ConsistencyMetrics> _logger;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (DateTimeOffset At, ConsistencyReport? Report)> _last = [];

    public ConsistencyMetrics(IMeterFactory meters, EnabledModules modules, IServiceScopeFactory scopes, ILogger<ConsistencyMetrics> logger, TimeProvider clock)
    {
        _meter = meters.Create(MeterName);
        _scopes = scopes;
        _logger = logger;
        _clock = clock;
        foreach (var module in modules.Modules)
        {
            if (module.Consistency is not { } view)
            {
                continue;
            }

            foreach (var gauge in view.Gauges)
            {
                _meter.CreateObservableGauge(
                    $"blogmodular.{module.Name.ToLowerInvariant()}.{gauge.Name}",
                    () => Observe(module, view, gauge.Name), "{message}", gauge.Description);
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> Observe(ModuleDescriptor module, ConsistencyView view, string gauge) =>
        Read(module, view)?.Counts.TryGetValue(gauge, out var value) == true ? [new Measurement<long>(value)] : [];

    private ConsistencyReport? Read(ModuleDescriptor module, ConsistencyView view)
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            if (_last.TryGetValue(module.Name, out var last) && now - last.At < ReadingLifetime)
            {
                return last.Report;
            }

            ConsistencyReport? report = null;
            try
            {
                using var scope = _scopes.CreateScope();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                // Observable instruments are read synchronously; the read is two small indexed counts.
                report = view.ReadAsync(scope.ServiceProvider, timeout.Token).GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                // No reading rather than a wrong one; the series gaps and the health check says why.
                LogReadFailed(_logger, module.Name, e);
            }

            _last[module.Name] = (now, report);
            return report;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the {Module} module's consistency counts for metrics")]
    private static partial void LogReadFailed(ILogger logger, string module, Exception exception);
}
