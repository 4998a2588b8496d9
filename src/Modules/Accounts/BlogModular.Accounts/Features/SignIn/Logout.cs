using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using BlogModular.Accounts.Domain;
using Microsoft.AspNetCore.Identity;

namespace BlogModular.Accounts.Features.SignIn;

/// <summary>
/// Logging out ends every session of the account, not only the caller's: the security stamp changes, so each cookie
/// and bearer token issued before is refused when next revalidated (within Accounts:Sessions:RevalidateAfter), and
/// refresh tokens at once (ADR 0021).
/// </summary>
internal static class LogoutEndpoint
{
    public static RouteHandlerBuilder MapLogout(this RouteGroupBuilder auth) =>
        auth.MapPost("/logout", async (ClaimsPrincipal user, SignInManager<User> signIn) =>
        {
            await LogOutAsync(user, signIn);
            return TypedResults.NoContent();
        })
        .RequireAuthorization()
        .WithName("logout").WithSummary("Logs the caller's account out everywhere: its cookies and bearer tokens stop working within 30 seconds.");

    /// <summary>The web UI's "Log out" button: a form post with an antiforgery token, then back to the home page.</summary>
    public static RouteHandlerBuilder MapPageLogout(this IEndpointRouteBuilder app) =>
        app.MapPost(AccountPages.Logout, async (ClaimsPrincipal user, SignInManager<User> signIn) =>
        {
            await LogOutAsync(user, signIn);
            return TypedResults.LocalRedirect("/");
        })
        .WithMetadata(new RequireAntiforgeryTokenAttribute())
        .ExcludeFromDescription();

    private static async Task LogOutAsync(ClaimsPrincipal user, SignInManager<User> signIn)
    {
        if (await signIn.UserManager.GetUserAsync(user) is { } account)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(account);
        }

        await signIn.SignOutAsync();
    }
}
