using Microsoft.AspNetCore.Antiforgery;

namespace BlogModular.Accounts.Features.SignIn;

/// <summary>The token a cookie-signed-in client sends in <see cref="AntiforgeryTokenResponse.HeaderName"/> with unsafe API calls.</summary>
public sealed record AntiforgeryTokenResponse(string HeaderName, string Token);

/// <summary>
/// An unsafe /api request authenticated by the sign-in cookie, not a bearer token, counts as anonymous unless it carries
/// this token (the host checks it): a cross-site form can send the cookie but cannot read the token.
/// </summary>
internal static class AntiforgeryTokenEndpoint
{
    public static RouteHandlerBuilder MapAntiforgeryToken(this RouteGroupBuilder auth) =>
        auth.MapGet("/antiforgery", (IAntiforgery antiforgery, HttpContext http) =>
        {
            // Also sets the antiforgery cookie the token is checked against.
            var tokens = antiforgery.GetAndStoreTokens(http);
            return TypedResults.Ok(new AntiforgeryTokenResponse(tokens.HeaderName!, tokens.RequestToken!));
        })
        .RequireAuthorization()
        .WithName("getAntiforgeryToken")
        .WithSummary("Gets the antiforgery token a client signed in with the cookie sends with unsafe API calls.");
}
