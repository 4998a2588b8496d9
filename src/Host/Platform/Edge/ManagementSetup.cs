using BlogModular.Host.Platform.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BlogModular.Host.Platform.Edge;

/// <summary>
/// What only operators and their tools read — Prometheus metrics and the detailed health report — is served on a
/// port of its own (<c>Management:Port</c>) that the front door never forwards. The management port is recognised by
/// the local port the connection arrived on, not by the Host header, which any client can forge; it answers nothing
/// else, and the public port does not map those paths. Without the setting, Development serves them on the main port and
/// any other environment does not serve them at all.
/// </summary>
public static class ManagementSetup
{
    public const string PortSetting = "Management:Port";

    /// <summary>Per check: status, duration and description. Operators only (management port).</summary>
    public const string DetailedHealthPath = "/health/detail";

    public static WebApplicationBuilder AddManagementPort(this WebApplicationBuilder builder)
    {
        var port = builder.Configuration.GetValue<int?>(PortSetting);
        var mode = port is not null ? ManagementMode.OwnPort : builder.Environment.IsDevelopment() ? ManagementMode.MainPort : ManagementMode.Off;
        if (port is { } management)
        {
            // Kestrel ignores the configured URLs once code adds an endpoint, so the management port joins them instead.
            builder.WebHost.UseUrls([.. ServerUrls(builder.Configuration), $"http://*:{management}"]);
        }

        // Outermost (before host filtering and everything else): the management branch has its own short pipeline.
        builder.Services.Insert(0, ServiceDescriptor.Transient<IStartupFilter>(_ => new ManagementBranch(mode, port)));
        return builder;
    }

    /// <summary>The addresses the host would listen on without the management port (ASP.NET Core's own precedence).</summary>
    private static IEnumerable<string> ServerUrls(ConfigurationManager configuration)
    {
        if (configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } urls)
        {
            return urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        var ports = Ports(configuration[WebHostDefaults.HttpPortsKey], "http").Concat(Ports(configuration[WebHostDefaults.HttpsPortsKey], "https")).ToList();
        return ports.Count > 0 ? ports : ["http://localhost:5000"];
    }

    private static IEnumerable<string> Ports(string? ports, string scheme) =>
        (ports ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"{scheme}://*:{p}");

    private enum ManagementMode
    {
        OwnPort,
        MainPort,
        Off,
    }

    private sealed class ManagementBranch(ManagementMode mode, int? port) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            switch (mode)
            {
                case ManagementMode.OwnPort:
                    app.MapWhen(context => context.Connection.LocalPort == port, management =>
                    {
                        UseManagementEndpoints(management);
                        management.Run(context =>
                        {
                            context.Response.StatusCode = StatusCodes.Status404NotFound;
                            return Task.CompletedTask;
                        });
                    });
                    break;
                case ManagementMode.MainPort:
                    UseManagementEndpoints(app);
                    break;
                default:
                    app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ManagementSetup))
                        .LogWarning("{Setting} is not set: /metrics and {DetailedHealth} are not served (set it to a port the proxy does not forward)",
                            PortSetting, DetailedHealthPath);
                    break;
            }

            next(app);
        };

        private static void UseManagementEndpoints(IApplicationBuilder app)
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint(ObservabilitySetup.MetricsPath);
            app.UseHealthChecks(DetailedHealthPath, HealthSetup.DetailedOptions);
        }
    }
}
