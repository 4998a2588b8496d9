using Microsoft.AspNetCore.Identity;

namespace BlogModular.Host.Accounts;

internal static class LogoutEndpoint
{
    /// <summary>Ends a browser (cookie) session. Bearer tokens are dropped by the client and expire by themselves.</summary>
    public static RouteHandlerBuilder MapLogout(this RouteGroupBuilder auth) =>
        auth.MapPost("/logout", async (SignInManager<User> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.NoContent();
        })
        .RequireAuthorization();
}
