using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BlogModular.Host.Platform.Edge;

/// <summary>
/// Headers every response carries, errors included (they are added as the response starts, after any handler that
/// clears headers): a Content-Security-Policy that allows no inline script and no framing, nosniff and a
/// same-origin Referrer-Policy. The pages need only the site's own scripts (blazor.web.js, start.js), styles and
/// circuit connection ('self' covers the same-origin WebSocket); post images may come from any https address.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Scalar's page starts itself with an inline script and styles itself inline, so the API reference (served only
    /// where <c>Api:Docs:Enabled</c>) gets its own, looser policy on its own path; the rest of the site never does.
    /// </summary>
    public const string ApiReferenceContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string ApiReferencePath = "/scalar";

    public const string ReferrerPolicy = "same-origin";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(ApiReferencePath)
                    ? ApiReferenceContentSecurityPolicy
                    : ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = ReferrerPolicy;
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
