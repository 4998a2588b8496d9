using BlogModular.Host.Platform.Messaging;
using BlogModular.BuildingBlocks.Persistence;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;

namespace BlogModular.Host.Platform;

public static class HealthSetup
{
    private const string Ready = "ready";

    private const string ProbeCache = "probe";

    /// <summary>
    /// How long one readiness result answers every probe: a flood of anonymous probes costs one PostgreSQL and one
    /// Kafka round trip per period, not one each.
    /// </summary>
    public static readonly TimeSpan ReadyCacheDuration = TimeSpan.FromSeconds(1);

    /// <summary>
    /// /health/live: the process answers. /health/ready: PostgreSQL and Kafka are reachable — "Healthy" or
    /// "Unhealthy" and nothing more, for anyone. Which check failed and why is on the management port
    /// (<see cref="Edge.ManagementSetup.DetailedHealthPath"/>).
    /// </summary>
    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        // One long-lived admin client, not one per probe.
        builder.Services.AddSingleton<KafkaHealthCheck>();
        builder.Services.AddHealthChecks()
            .AddNpgSql(builder.Configuration.GetMessagingConnectionString(), name: "postgresql", tags: [Ready], timeout: TimeSpan.FromSeconds(2))
            .AddCheck<KafkaHealthCheck>("kafka", tags: [Ready], timeout: TimeSpan.FromSeconds(3));
        builder.Services.AddOutputCache(cache => cache.AddPolicy(ProbeCache, new ProbePolicy()));
        return builder;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) })
            .CacheOutput(ProbeCache);
        return app;
    }

    /// <summary>Every check with its status, duration, description and error, as JSON (management port only).</summary>
    public static HealthCheckOptions DetailedOptions { get; } = new()
    {
        ResponseWriter = (context, report) => context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            durationMs = report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.ToDictionary(entry => entry.Key, entry => new
            {
                status = entry.Value.Status.ToString(),
                durationMs = entry.Value.Duration.TotalMilliseconds,
                description = entry.Value.Description,
                error = entry.Value.Exception?.Message,
            }),
        }),
    };

    /// <summary>
    /// Output caching for the readiness probe, including its 503: during an outage the probes are the traffic that
    /// keeps coming, and each would otherwise wait for both checks' timeouts. The default policy caches 200s only.
    /// </summary>
    private sealed class ProbePolicy : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            context.EnableOutputCaching = true;
            context.AllowCacheLookup = true;
            context.AllowCacheStorage = true;
            context.AllowLocking = true;
            context.ResponseExpirationTimeSpan = ReadyCacheDuration;
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            context.AllowCacheStorage = context.HttpContext.Response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status503ServiceUnavailable;
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Kafka is reachable when a broker answers a metadata request.</summary>
    private sealed class KafkaHealthCheck(KafkaSettings settings) : IHealthCheck, IDisposable
    {
        private readonly Lazy<IAdminClient> _admin = new(() =>
            new AdminClientBuilder(settings.Security.ApplyTo(new AdminClientConfig { BootstrapServers = settings.BootstrapServers, ReconnectBackoffMaxMs = 1000 })).Build());

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.Run(() =>
            {
                try
                {
                    var metadata = _admin.Value.GetMetadata(TimeSpan.FromSeconds(2));
                    return metadata.Brokers.Count > 0
                        ? HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s)")
                        : HealthCheckResult.Unhealthy("No Kafka broker answered");
                }
                catch (KafkaException e)
                {
                    return HealthCheckResult.Unhealthy("Kafka is unreachable", e);
                }
            }, cancellationToken);

        public void Dispose()
        {
            if (_admin.IsValueCreated)
            {
                _admin.Value.Dispose();
            }
        }
    }
}
