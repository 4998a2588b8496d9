using Microsoft.AspNetCore.Antiforgery;
using BlogModular.Accounts.Domain;
using Microsoft.AspNetCore.Identity;

namespace BlogModular.Accounts.Features.SignIn;

internal static class LogoutEndpoint
{
    /// <summary>Ends a browser (cookie) session. Bearer tokens are dropped by the client and expire by themselves.</summary>
    public static RouteHandlerBuilder MapLogout(this RouteGroupBuilder auth) =>
        auth.MapPost("/logout", async (SignInManager<User> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.NoContent();
        })
        .RequireAuthorization()
        .WithName("logout").WithSummary("Ends the caller's cookie session (a bearer token is dropped by the client).");

    /// <summary>The web UI's "Log out" button: a form post with an antiforgery token, then back to the home page.</summary>
    public static RouteHandlerBuilder MapPageLogout(this IEndpointRouteBuilder app) =>
        app.MapPost(AccountPages.Logout, async (SignInManager<User> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/");
        })
        .WithMetadata(new RequireAntiforgeryTokenAttribute())
        .ExcludeFromDescription();
}
