using System.Security.Claims;
using BlogModular.BuildingBlocks.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BlogModular.Host.Platform.Edge;

/// <summary>
/// An unsafe /api request (POST, PUT, PATCH, DELETE) is signed in by a bearer token, or by the sign-in cookie only
/// together with an antiforgery token in the request header (<c>GET /api/auth/antiforgery</c>). A browser attaches
/// the cookie to a cross-site form post too, but that form cannot read the token: without it the request goes on
/// as anonymous, so it changes nothing a signed-in user could.
/// </summary>
public static class CookieApiAntiforgery
{
    /// <summary>After authentication (which may have used the cookie), before authorization.</summary>
    public static WebApplication UseCookieApiAntiforgery(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (NeedsToken(context) && !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }

            await next(context);
        });
        return app;
    }

    private static bool NeedsToken(HttpContext context)
    {
        var request = context.Request;
        return request.IsApi() &&
               !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method)) &&
               context.User.Identity?.IsAuthenticated == true &&
               // Signed in without a bearer token: by the cookie.
               !request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
    }
}
