using System.Diagnostics.Metrics;
using BlogModular.Host.Platform.Database;
using BlogModular.Host.Platform.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Wolverine;
using Wolverine.Runtime.Handlers;

namespace BlogModular.Host.Platform.Observability;

/// <summary>
/// Traces, metrics and structured logs for the whole host: one call in Program.cs.
/// <list type="bullet">
/// <item>Traces: ASP.NET Core, HttpClient, EF Core, Npgsql and Wolverine (whose envelopes carry the trace
/// context through the outbox and Kafka headers), plus each module's own sources (<c>BlogModular.*</c>).</item>
/// <item>Metrics: the same libraries, the .NET runtime, Wolverine's meters, the outbox and dead-letter gauges of
/// <see cref="EnvelopeStorageMetrics"/>, the modules' consistency gauges (<see cref="ConsistencyMetrics"/>) and each module's meters; scraped at <c>/metrics</c> (Prometheus) on the
/// management port (<see cref="Edge.ManagementSetup"/>).</item>
/// <item>Exporters follow the standard variables: OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set,
/// the console only when <c>OTEL_TRACES_EXPORTER</c> / <c>OTEL_METRICS_EXPORTER</c> / <c>OTEL_LOGS_EXPORTER</c> name it.</item>
/// <item>Logs: <c>Logging:Console:FormatterName=json</c> gives one JSON line per event, with scopes (trace id,
/// span id, and inside message handlers the message id, type and ids such as PostId) unless turned off.</item>
/// </list>
/// </summary>
public static class ObservabilitySetup
{
    /// <summary>Where Prometheus scrapes.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Every module names its ActivitySource and Meter <c>BlogModular.&lt;Module&gt;</c>.</summary>
    public const string SourcePrefix = "BlogModular.";

    /// <summary>Wolverine's ActivitySource; its meter is <c>Wolverine:&lt;service name&gt;</c>, hence the wildcard.</summary>
    private const string WolverineSource = "Wolverine";

    private const string DefaultServiceName = "blogmodular";

    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var traces = Exporters(configuration, "OTEL_TRACES_EXPORTER");
        var metrics = Exporters(configuration, "OTEL_METRICS_EXPORTER");
        var logs = Exporters(configuration, "OTEL_LOGS_EXPORTER");

        ConfigureJsonConsole(builder);

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : DefaultServiceName,
                serviceVersion: typeof(ObservabilitySetup).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing =>
            {
                tracing
                    .AddSource(WolverineSource, SourcePrefix + "*")
                    .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsPlumbing(context.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddEntityFrameworkCoreInstrumentation()
                    .AddNpgsql()
                    // Before any exporter: processors see spans in the order they are added.
                    .AddProcessor(new DropBackgroundSpans());
                if (otlp && traces.Contains("otlp"))
                {
                    tracing.AddOtlpExporter();
                }

                if (traces.Contains("console"))
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithMetrics(metering =>
            {
                metering
                    .AddMeter(WolverineSource + "*", SourcePrefix + "*")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddPrometheusExporter();
                // Meters from another host's meter factory in the same process (tests run several) have the same names as
                // this host's: without this view, the first host's gauges shadow this one's, and vanish with it.
                ((IDeferredMeterProviderBuilder)metering).Configure((services, builder) =>
                {
                    var own = services.GetRequiredService<IMeterFactory>();
                    builder.AddView(instrument => instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, own)
                        ? null
                        : MetricStreamConfiguration.Drop);
                });
                if (otlp && metrics.Contains("otlp"))
                {
                    metering.AddOtlpExporter();
                }

                if (metrics.Contains("console"))
                {
                    metering.AddConsoleExporter();
                }
            });

        if ((otlp && logs.Contains("otlp")) || logs.Contains("console"))
        {
            builder.Logging.AddOpenTelemetry(logging =>
            {
                logging.IncludeScopes = true;
                logging.IncludeFormattedMessage = true;
                if (otlp && logs.Contains("otlp"))
                {
                    logging.AddOtlpExporter();
                }

                if (logs.Contains("console"))
                {
                    logging.AddConsoleExporter();
                }
            });
        }

        builder.Services.AddSingleton<EnvelopeStorageMetrics>();
        builder.Services.AddHostedService(services => services.GetRequiredService<EnvelopeStorageMetrics>());
        builder.Services.AddSingleton<ConsistencyMetrics>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ConsistencyMetrics>());

        builder.Services.ConfigureWolverine(opts =>
        {
            // Every message handler logs inside a scope naming the message (id, type, its ids such as PostId).
            opts.Policies.AddMiddleware(typeof(MessageLogScope), chain => chain is HandlerChain);
            DatabaseRoles.ShapeEnvelopeTables(opts);
            // A root trace every 10 s from node health checks would bury the traces of real work.
            opts.Durability.NodeAssignmentHealthCheckTracingEnabled = false;
        });

        return builder;
    }

    /// <summary>The exporters a standard <c>OTEL_*_EXPORTER</c> variable names (comma-separated); the spec's default is otlp.</summary>
    private static HashSet<string> Exporters(ConfigurationManager configuration, string key) =>
        (configuration[key] is { Length: > 0 } value ? value : "otlp")
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(name => name.ToLowerInvariant())
        .ToHashSet();

    /// <summary>Probes and scrapes every few seconds would drown the traces of real requests.</summary>
    private static bool IsPlumbing(PathString path) =>
        path.StartsWithSegments(MetricsPath) || path.StartsWithSegments("/health");

    /// <summary>
    /// The JSON console formatter includes scopes (where the trace id lives) and UTC timestamps unless the
    /// configuration says otherwise: <c>Logging:Console:FormatterOptions:*</c> still wins.
    /// </summary>
    private static void ConfigureJsonConsole(WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Logging:Console:FormatterOptions");
        builder.Services.Configure<JsonConsoleFormatterOptions>(options =>
        {
            options.IncludeScopes = section.GetValue(nameof(options.IncludeScopes), defaultValue: true);
            options.UseUtcTimestamp = section.GetValue(nameof(options.UseUtcTimestamp), defaultValue: true);
            options.TimestampFormat = section[nameof(options.TimestampFormat)] ?? "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
    }
}
