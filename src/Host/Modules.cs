using BlogModular.Accounts;
using BlogModular.Approvals;
using BlogModular.Blogging;
using BlogModular.BuildingBlocks.Modules;

namespace BlogModular.Host;

/// <summary>
/// The application's modules. Adding a module is its folder under src/Modules and one line here; everything the
/// host, the web UI, the operations views, the tests and the front door need is read from the descriptors.
/// </summary>
public static class Modules
{
    /// <summary>In the order the API reference and the navigation list them.</summary>
    public static readonly IReadOnlyList<ModuleDescriptor> All =
    [
        BloggingModule.Descriptor,
        ApprovalsModule.Descriptor,
        AccountsModule.Descriptor,
    ];

    /// <summary>Every topic a module publishes to or listens on, created up front on an embedded broker.</summary>
    public static IReadOnlyList<string> Topics =>
        [.. All.SelectMany(m => m.Publishes.Select(r => r.Topic).Concat(m.ListensTo)).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The modules this process runs (<c>Modules:&lt;Name&gt;:Enabled</c>, default true).</summary>
    public static IReadOnlyList<ModuleDescriptor> EnabledIn(IConfiguration configuration) => [.. All.Where(m => m.IsEnabled(configuration))];
}

/// <summary>The modules this process runs, as registered at startup.</summary>
public sealed record EnabledModules(IReadOnlyList<ModuleDescriptor> Modules);

internal static class ModuleRegistration
{
    /// <summary>
    /// Registers the enabled modules' services. Messaging (<see cref="Platform.Messaging.MessagingSetup"/>), the UI and
    /// migrations read the same list. A process must run at least one module that can be switched off.
    /// </summary>
    public static WebApplicationBuilder AddModules(this WebApplicationBuilder builder)
    {
        var enabled = Modules.EnabledIn(builder.Configuration);
        if (!enabled.Any(m => m.Switchable))
        {
            throw new InvalidOperationException(
                "No module is enabled. Enable at least one of " +
                string.Join(", ", Modules.All.Where(m => m.Switchable).Select(m => m.EnabledSetting)) + ".");
        }

        foreach (var module in enabled)
        {
            module.AddServices(builder);
        }

        builder.Services.AddSingleton(new EnabledModules(enabled));
        return builder;
    }

    /// <summary>Endpoints modules map themselves (Wolverine's are discovered in the enabled modules' assemblies).</summary>
    public static WebApplication MapModules(this WebApplication app)
    {
        foreach (var module in app.Services.GetRequiredService<EnabledModules>().Modules)
        {
            module.MapEndpoints?.Invoke(app);
        }

        return app;
    }
}
