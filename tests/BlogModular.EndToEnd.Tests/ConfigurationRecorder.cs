using System.Collections.Concurrent;
using System.Diagnostics;
using BlogModular.EndToEnd.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

[assembly: HostingStartup(typeof(ConfigurationRecorder))]

namespace BlogModular.EndToEnd.Tests;

/// <summary>
/// Records every configuration key the host asks for. A hosting startup (enabled only by a host that names this
/// assembly in <c>hostingStartupAssemblies</c>) adds it while the builder is created, before Program reads anything,
/// and as the last source: the configuration asks the last source first, so every lookup passes through it.
/// </summary>
public sealed class ConfigurationRecorder : IHostingStartup, IConfigurationSource, IConfigurationProvider
{
    private static ConfigurationRecorder? _next;

    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly ConcurrentDictionary<string, bool> _keys = new(StringComparer.OrdinalIgnoreCase);

    public ConfigurationRecorder() => _settings = new Dictionary<string, string>();

    private ConfigurationRecorder(IReadOnlyDictionary<string, string> settings) =>
        _settings = new Dictionary<string, string>(settings, StringComparer.OrdinalIgnoreCase);

    /// <summary>The host's service registrations, to bind every options type afterwards.</summary>
    public IServiceCollection? Services { get; private set; }

    /// <summary>Each key asked for, and whether the application's own code was on the stack when it was.</summary>
    public IReadOnlyDictionary<string, bool> Keys => _keys;

    /// <summary>The recorder the next host built with this hosting startup uses; it also serves <paramref name="settings"/>.</summary>
    public static ConfigurationRecorder Arm(IReadOnlyDictionary<string, string> settings, Func<string, bool> probeSection) =>
        _next = new ConfigurationRecorder(settings) { ProbeSection = probeSection };

    void IHostingStartup.Configure(IWebHostBuilder builder)
    {
        var recorder = Interlocked.Exchange(ref _next, null) ?? throw new InvalidOperationException("Arm the recorder first.");
        builder.ConfigureAppConfiguration(configuration => configuration.Add(recorder));
        builder.ConfigureServices(services => recorder.Services = services);
    }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public bool TryGet(string key, out string? value)
    {
        _keys.AddOrUpdate(key, _ => AskedByApplication(), (_, before) => before || AskedByApplication());
        return _settings.TryGetValue(key, out value);
    }

    public IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath)
    {
        var prefix = parentPath is null ? "" : parentPath + ConfigurationPath.KeyDelimiter;
        var children = _settings.Keys
            .Where(key => key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(key => key[prefix.Length..].Split(ConfigurationPath.KeyDelimiter)[0]);
        // The binder skips a section with no children; one empty probe child makes it ask for every property of an
        // application section even when nothing sets it.
        if (parentPath is not null && ProbeSection(parentPath))
        {
            children = children.Append(Probe);
        }

        return children.Concat(earlierKeys).Order(StringComparer.OrdinalIgnoreCase);
    }

    public const string Probe = "recorder-probe";

    /// <summary>Which sections get a probe child; framework sections (their own binding may choke on it) do not.</summary>
    public Func<string, bool> ProbeSection { get; init; } = _ => false;

    public void Set(string key, string? value)
    {
    }

    public IChangeToken GetReloadToken() => new ConfigurationReloadToken();

    public void Load()
    {
    }

    /// <summary>Whether the code that asked (the first frame outside this recorder, the configuration library and the
    /// runtime) is the application's: a lookup made while Program merely runs the framework's Build() is not.</summary>
    private static bool AskedByApplication()
    {
        var self = typeof(ConfigurationRecorder).Assembly.GetName().Name;
        foreach (var frame in new StackTrace().GetFrames())
        {
            var assembly = frame.GetMethod()?.DeclaringType?.Assembly.GetName().Name ?? "";
            if (assembly == self || assembly.StartsWith("Microsoft.Extensions.Configuration", StringComparison.Ordinal) ||
                assembly.StartsWith("System.", StringComparison.Ordinal))
            {
                continue;
            }

            return assembly.StartsWith("BlogModular.", StringComparison.Ordinal);
        }

        return false;
    }
}
