using System.Net;
using BlogModular.BuildingBlocks.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BlogModular.Host.Platform.Edge;

/// <summary>
/// Where the host meets the network: which proxies may say who the client is (<c>Proxy:*</c>), which Host headers
/// are answered (<c>AllowedHosts</c>, by default the public address's host outside Development), and HTTPS — when
/// the public address (<c>App:PublicBaseUrl</c>) is https, plain-http requests are redirected to it and responses
/// carry HSTS. Behind a TLS-terminating proxy "plain http" means the proxy's X-Forwarded-Proto said so, which is
/// believed only from a configured proxy.
/// </summary>
public static class EdgeSetup
{
    public const string KnownProxiesSetting = "Proxy:KnownProxies";
    public const string KnownNetworksSetting = "Proxy:KnownNetworks";

    public static WebApplicationBuilder AddEdge(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<AppSettings>()
            .Bind(configuration.GetSection(AppSettings.Section))
            .PostConfigure(site =>
            {
                if (development && string.IsNullOrWhiteSpace(site.PublicBaseUrl))
                {
                    site.PublicBaseUrl = DevelopmentBaseUrl(configuration);
                }
            })
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AppSettings>>(new PublicBaseUrlRule(development));

        var proxies = List(configuration[KnownProxiesSetting]).Select(Address(KnownProxiesSetting)).ToList();
        var networks = List(configuration[KnownNetworksSetting]).Select(Network).ToList();
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; here nobody is trusted unless configured.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // The obsolete list may still hold the loopback default.
            forwarded.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            proxies.ForEach(forwarded.KnownProxies.Add);
            networks.ForEach(forwarded.KnownIPNetworks.Add);
            // Walk back through every configured proxy in a chain, stopping at the first address that is not one.
            forwarded.ForwardLimit = null;
        });

        if (!development)
        {
            // "*" (appsettings.json) means "not chosen": outside Development that becomes the public address's host.
            builder.Services.PostConfigure<HostFilteringOptions>(hosts =>
            {
                var site = configuration.GetSection(AppSettings.Section).Get<AppSettings>()?.PublicBase;
                if (site is not null && hosts.AllowedHosts is [] or ["*"])
                {
                    hosts.AllowedHosts = [site.Host];
                }
            });
            builder.Services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
            // Behind a TLS-terminating proxy Kestrel has no https endpoint to take the port from.
            builder.Services.AddOptions<HttpsRedirectionOptions>().Configure<IOptions<AppSettings>>((https, app) => https.HttpsPort ??= app.Value.PublicBase?.Port);
            // The antiforgery cookie, like the sign-in cookie (Accounts), travels over HTTPS only.
            builder.Services.Configure<AntiforgeryOptions>(antiforgery => antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.Always);
        }

        return builder;
    }

    /// <summary>First in the pipeline: the client's address and scheme as the proxy saw them, then HTTPS.</summary>
    public static WebApplication UseEdge(this WebApplication app)
    {
        // With no known proxy the middleware would believe everyone, so without one it is left out.
        if (List(app.Configuration[KnownProxiesSetting]).Length + List(app.Configuration[KnownNetworksSetting]).Length > 0)
        {
            app.UseForwardedHeaders();
        }

        // Read, not resolved: resolving validates, and one-shot commands (migrate) build the app without serving it.
        var site = app.Configuration.GetSection(AppSettings.Section).Get<AppSettings>()?.PublicBase;
        if (!app.Environment.IsDevelopment() && site?.Scheme == Uri.UriSchemeHttps)
        {
            app.UseHsts();
            // Probes from inside the deployment (the orchestrator, the proxy) speak plain http to the process.
            app.UseWhen(context => !context.Request.Path.StartsWithSegments("/health"), https =>
            {
                https.UseHttpsRedirection();
            });
        }

        return app;
    }

    private static string[] List(string? value) =>
        (value ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static Func<string, IPAddress> Address(string setting) => value => IPAddress.TryParse(value, out var address)
        ? address
        : throw new InvalidOperationException($"{setting}: '{value}' is not an IP address.");

    private static System.Net.IPNetwork Network(string value) => System.Net.IPNetwork.TryParse(value, out var network)
        ? network
        : throw new InvalidOperationException($"{KnownNetworksSetting}: '{value}' is not a network in CIDR notation (e.g. 10.0.0.0/8).");

    /// <summary>
    /// Development's default public address: the first address the host listens on (<c>urls</c>, as <c>--urls</c>,
    /// <c>ASPNETCORE_URLS</c> or the launch profile set it) with a wildcard host read as localhost, or Kestrel's default.
    /// </summary>
    private static string DevelopmentBaseUrl(ConfigurationManager configuration)
    {
        var first = configuration["urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null)
        {
            return "http://localhost:5000";
        }

        foreach (var wildcard in new[] { "://+", "://*", "://0.0.0.0", "://[::]" })
        {
            first = first.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        }

        return first;
    }

    /// <summary>Outside Development the public address is required, absolute, and https unless it is this machine.</summary>
    private sealed class PublicBaseUrlRule(bool development) : IValidateOptions<AppSettings>
    {
        public ValidateOptionsResult Validate(string? name, AppSettings options)
        {
            const string Example = "e.g. https://blog.example.com (environment variable App__PublicBaseUrl)";
            if (string.IsNullOrWhiteSpace(options.PublicBaseUrl))
            {
                return development
                    ? ValidateOptionsResult.Success
                    : ValidateOptionsResult.Fail(
                        $"App:PublicBaseUrl is required outside Development: the site's public address, {Example}. Links in e-mails " +
                        "are built from it, never from the request's Host header.");
            }

            if (options.PublicBase is not { } site)
            {
                return ValidateOptionsResult.Fail($"App:PublicBaseUrl '{options.PublicBaseUrl}' is not an absolute http(s) address, {Example}.");
            }

            return development || site.Scheme == Uri.UriSchemeHttps || site.IsLoopback
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"App:PublicBaseUrl '{options.PublicBaseUrl}' must be https outside Development (plain http only for a loopback address), {Example}.");
        }
    }
}
