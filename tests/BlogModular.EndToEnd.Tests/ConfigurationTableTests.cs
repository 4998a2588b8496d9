using System.Text.RegularExpressions;
using Alba;
using BlogModular.DevTools;
using BlogModular.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BlogModular.EndToEnd.Tests;

/// <summary>
/// README's configuration table names every key the host reads, and only those: the keys come from a running host
/// (PostgreSQL, the embedded broker) whose configuration records each lookup, not from a list kept by hand.
/// </summary>
public sealed partial class ConfigurationTableTests
{
    // Keys owned by ASP.NET Core, .NET hosting and logging (Logging:*, Kestrel:*, AllowedHosts, urls, environment,
    // contentRoot, applicationName, hostingStartup*, ASPNETCORE_*/DOTNET_* ...), by Microsoft libraries (Microsoft:*,
    // Authentication:*) and by the OpenTelemetry SDK (OTEL_*): they are documented upstream. A key under these prefixes
    // still counts as ours when the application's own code asks for it (e.g. OTEL_SERVICE_NAME, which it defaults).
    private static readonly string[] FrameworkPrefixes =
    [
        "Logging", "ASPNETCORE_", "DOTNET_", "Microsoft", "AllowedHosts", "Kestrel", "urls", "http_ports", "https_ports",
        "environment", "contentRoot", "applicationName", "webroot", "HostingStartup", "preventHostingStartup",
        "startupAssembly", "detailedErrors", "captureStartupErrors", "shutdownTimeoutSeconds", "suppressStatusMessages",
        "preferHostingUrls", "servicesStartConcurrently", "servicesStopConcurrently", "startupTimeoutSeconds",
        "staticWebAssets", "ReloadStaticAssetsAtRuntime", "EnableStaticAssetsDevelopment", "DisableStaticAssetNotFoundRuntimeFallback",
        "ForwardedHeaders_", "ReadOnlyDataProtectionKeyDirectory", "Authentication", "OTEL_",
    ];

    [Fact]
    public async Task The_readme_configuration_table_lists_every_key_the_host_reads()
    {
        await using var postgres = await PostgresServer.StartAsync();
        using var broker = EmbeddedKafkaBroker.Start();
        foreach (var topic in BlogModular.Host.Modules.Topics)
        {
            broker.CreateTopic(topic, 1);
        }
        var logins = await AppFixture.ProvisionAsync(postgres.ConnectionString);
        var recorder = ConfigurationRecorder.Arm(new Dictionary<string, string>(logins.Settings().Select(s => KeyValuePair.Create(s.Key, s.Value!)))
        {
            ["Kafka:BootstrapServers"] = broker.BootstrapServers,
            ["Kafka:AutoProvision"] = "false",
            ["Mail:PickupDirectory"] = Directory.CreateTempSubdirectory("blogmodular-mail-").FullName,
        }, probeSection: SettingsSections().Contains);

        await using (var host = await AlbaHost.For<Program>(web => web
            .UseEnvironment("Development")
            .UseSetting(WebHostDefaults.HostingStartupAssembliesKey, typeof(ConfigurationRecorder).Assembly.GetName().Name)))
        {
            BindEveryConfiguredOptionsType(host.Services, recorder.Services!);
        }

        // Options bound with GetSection(...).Get<T>() or Configure<T>(section) ask for each property, set or not.
        recorder.Keys.Keys.ShouldContain("Kafka:HandleBatchWindowMs", "the binder's lookups are recorded");

        var asked = recorder.Keys.Keys.ToList();
        var notSettings = ComputedProperties();
        var read = recorder.Keys
            .Where(key => key.Value || !IsFrameworks(key.Key))
            .Select(key => key.Key)
            // A section (the binder asks for its own value too) and the recorder's probe are no settings.
            .Where(key => !asked.Any(other => other.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase)))
            .Where(key => !key.EndsWith(":" + ConfigurationRecorder.Probe, StringComparison.OrdinalIgnoreCase))
            .Where(key => !notSettings.Contains(key))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var rows = DocumentedRows().ToList();
        var keys = rows.Select(row => row[0]).Where(key => !IsFrameworks(key) || recorder.Keys.GetValueOrDefault(key)).ToList();

        var undocumented = read.Except(rows.SelectMany(row => row), StringComparer.OrdinalIgnoreCase).Order().ToList();
        var unread = keys.Except(asked, StringComparer.OrdinalIgnoreCase).Order().ToList();
        undocumented.ShouldSatisfyAllConditions(
            () => undocumented.ShouldBeEmpty("read by the host but missing from README's configuration table"),
            () => unread.ShouldBeEmpty("in README's configuration table but never read by the host"));
    }

    /// <summary>Options bound from configuration are bound on first use; this binds each (its change-token source marks it).</summary>
    private static void BindEveryConfiguredOptionsType(IServiceProvider provider, IServiceCollection services)
    {
        var optionsTypes = services
            .Select(descriptor => descriptor.ServiceType)
            .Where(type => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IOptionsChangeTokenSource<>))
            .Select(type => type.GetGenericArguments()[0])
            .Distinct();
        foreach (var type in optionsTypes)
        {
            var monitor = provider.GetRequiredService(typeof(IOptionsMonitor<>).MakeGenericType(type));
            var get = monitor.GetType().GetMethod(nameof(IOptionsMonitor<object>.Get))!;
            foreach (var source in provider.GetServices(typeof(IOptionsChangeTokenSource<>).MakeGenericType(type)))
            {
                var name = (string?)source!.GetType().GetProperty(nameof(IOptionsChangeTokenSource<object>.Name))!.GetValue(source);
                get.Invoke(monitor, [name ?? Options.DefaultName]);
            }
        }
    }

    private static bool IsFrameworks(string key) =>
        FrameworkPrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Keys the binder asks for although nothing can set them: properties without a public setter of the settings
    /// classes (those that declare their configuration <c>Section</c>) in the application's assemblies.
    /// </summary>
    private static HashSet<string> ComputedProperties() =>
        SettingsClasses()
            .SelectMany(settings => settings.Type.GetProperties()
                .Where(property => property.SetMethod is not { IsPublic: true })
                .Select(property => $"{settings.Section}:{property.Name}"))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The sections of the settings classes and of their nested settings (e.g. Mail and Mail:Smtp).</summary>
    private static HashSet<string> SettingsSections() =>
        SettingsClasses()
            .SelectMany(settings => settings.Type.GetProperties()
                .Where(property => property.PropertyType.IsClass && property.PropertyType != typeof(string))
                .Select(property => $"{settings.Section}:{property.Name}")
                .Append(settings.Section))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<(Type Type, string Section)> SettingsClasses() =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Where(assembly => assembly.GetName().Name!.StartsWith("BlogModular.", StringComparison.Ordinal))
            .SelectMany(assembly => assembly.GetTypes())
            .Select(type => (Type: type, Section: type.GetField("Section")?.GetRawConstantValue() as string))
            .Where(settings => settings.Section is not null)
            .Select(settings => (settings.Type, settings.Section!));

    /// <summary>README's "Configuration" table, one key per row: its first column's code spans (the key, then other spellings).</summary>
    private static IEnumerable<string[]> DocumentedRows()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var section = readme[readme.IndexOf("\n## Configuration", StringComparison.Ordinal)..];
        section = section[..(section.IndexOf("\n## ", 1, StringComparison.Ordinal) is var end and > 0 ? end : section.Length)];
        foreach (var row in section.Split('\n').Where(line => line.StartsWith("| `", StringComparison.Ordinal)))
        {
            yield return [.. CodeSpan().Matches(row.Split('|')[1]).Select(match => match.Groups[1].Value)];
        }
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();
}
