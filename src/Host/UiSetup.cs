using System.Reflection;
using BlogModular.BuildingBlocks.Modules;
using BlogModular.Host.Components;

namespace BlogModular.Host;

/// <summary>
/// The Razor pages this process serves: the enabled modules'. Each module's interactive pages keep their circuit
/// on the module's own path when its descriptor names one (ADR 0007); others use the framework's.
/// </summary>
public sealed class UiModules(EnabledModules enabled)
{
    /// <summary>The framework's circuit path, for the host's pages and modules that keep the default.</summary>
    public const string DefaultCircuitPath = "/_blazor";

    public Assembly[] Assemblies { get; } = [.. enabled.Modules.Select(m => m.Assembly)];

    public IEnumerable<string> CircuitPaths => enabled.Modules.Select(m => m.CircuitPath ?? DefaultCircuitPath).Distinct();

    /// <summary>The circuit path for a page of <paramref name="page"/>'s assembly.</summary>
    public string CircuitPathFor(Type? page) =>
        enabled.Modules.FirstOrDefault(m => m.Assembly == page?.Assembly)?.CircuitPath ?? DefaultCircuitPath;

    /// <summary>Every module's navigation, enabled here or not: a page rendered by one process links to all of them.</summary>
    public static IEnumerable<NavigationLink> Navigation => Modules.All.SelectMany(m => m.Navigation);
}

/// <summary>
/// The web UI: Blazor static server rendering with enhanced navigation and forms, plus interactive server
/// rendering where pages follow changes live (ADR 0006). Modules bring their pages (Accounts its sign-up and login); the host the layout and the not-found page.
/// </summary>
internal static class UiSetup
{
    /// <summary>The not-found page (<see cref="Components.Pages.NotFoundPage"/>).</summary>
    public const string NotFoundPath = "/not-found";

    public static WebApplicationBuilder AddUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();

        builder.Services.AddSingleton<UiModules>();
        return builder;
    }

    /// <summary>
    /// First in the pipeline: a page error without a body (an unknown address is a 404 from routing) is rendered
    /// again as the not-found page, its status kept. /api errors never get here: UseApiProblemDetails, further in,
    /// has already written their ProblemDetails.
    /// </summary>
    public static WebApplication UseNotFoundPage(this WebApplication app)
    {
        app.UseStatusCodePagesWithReExecute(NotFoundPath, createScopeForStatusCodePages: true);
        return app;
    }

    /// <summary>After authentication and authorization: every page form carries and checks an antiforgery token.</summary>
    public static WebApplication UseUi(this WebApplication app)
    {
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapUi(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .AddAdditionalAssemblies(app.Services.GetRequiredService<UiModules>().Assemblies);
        // The interactive render mode maps the default path; a module's own circuit path is the same hub again.
        foreach (var path in app.Services.GetRequiredService<UiModules>().CircuitPaths)
        {
            if (path != UiModules.DefaultCircuitPath)
            {
                app.MapBlazorHub(path);
            }
        }

        return app;
    }
}
