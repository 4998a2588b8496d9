using System.Reflection;
using BlogModular.Approvals;
using BlogModular.Blogging;
using BlogModular.BuildingBlocks.Modules;
using BlogModular.Host.Accounts;
using BlogModular.Host.Components;

namespace BlogModular.Host;

/// <summary>The assemblies whose Razor pages this process serves: the enabled modules'.</summary>
public sealed record UiModules(Assembly[] Assemblies);

/// <summary>
/// The web UI: Blazor static server rendering with enhanced navigation and forms, plus interactive server
/// rendering where pages follow changes live (ADR 0006). Modules bring their pages; the host the layout and accounts.
/// </summary>
internal static class UiSetup
{
    /// <summary>The not-found page (<see cref="Components.Pages.NotFoundPage"/>).</summary>
    public const string NotFoundPath = "/not-found";

    public static WebApplicationBuilder AddUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();

        (string Name, Assembly Assembly)[] modules =
        [
            (BloggingModule.Name, typeof(BloggingModule).Assembly),
            (ApprovalsModule.Name, typeof(ApprovalsModule).Assembly),
        ];
        builder.Services.AddSingleton(new UiModules(
            [.. modules.Where(m => builder.Configuration.IsModuleEnabled(m.Name)).Select(m => m.Assembly)]));
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
        app.MapPageLogout();
        return app;
    }
}
