using BlogModular.Host.Platform.Messaging;
using BlogModular.BuildingBlocks.Persistence;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;

namespace BlogModular.Host.Platform;

public static class HealthSetup
{
    private const string Ready = "ready";

    /// <summary>/health/live: the process answers. /health/ready: PostgreSQL and Kafka are reachable.</summary>
    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        // One long-lived admin client, not one per probe.
        builder.Services.AddSingleton<KafkaHealthCheck>();
        builder.Services.AddHealthChecks()
            .AddNpgSql(builder.Configuration.GetBlogModularConnectionString(), name: "postgresql", tags: [Ready], timeout: TimeSpan.FromSeconds(2))
            .AddCheck<KafkaHealthCheck>("kafka", tags: [Ready], timeout: TimeSpan.FromSeconds(3));
        return builder;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
        return app;
    }

    /// <summary>Kafka is reachable when a broker answers a metadata request.</summary>
    private sealed class KafkaHealthCheck(KafkaSettings settings) : IHealthCheck, IDisposable
    {
        private readonly Lazy<IAdminClient> _admin = new(() =>
            new AdminClientBuilder(new AdminClientConfig { BootstrapServers = settings.BootstrapServers, ReconnectBackoffMaxMs = 1000 }).Build());

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
