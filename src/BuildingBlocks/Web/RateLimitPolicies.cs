using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace BlogModular.BuildingBlocks.Web;

/// <summary>
/// The rate-limit policies an endpoint or page may name (<c>[EnableRateLimiting(RateLimitPolicies.Writing)]</c>,
/// <c>.RequireRateLimiting(...)</c>). Every rejection is a 429 ProblemDetails with Retry-After.
/// </summary>
public static class RateLimitPolicies
{
    /// <summary>
    /// Account operations (login, sign-up, password reset, confirmation mails, account info), per client address
    /// (after a configured proxy's X-Forwarded-For): <c>Accounts:RateLimit:*</c>. Viewing a page is not counted,
    /// submitting its form is.
    /// </summary>
    public const string Accounts = "accounts";

    /// <summary>Creating or changing content (posts), per signed-in user: <c>RateLimits:Writing:*</c>.</summary>
    public const string Writing = "writing";

    /// <summary>The client's address as the host's forwarded-headers step left it (a proxy's own only when it is not trusted).</summary>
    public static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "local";

    /// <summary>The 429 every limit answers: Retry-After in whole seconds, and ProblemDetails.</summary>
    public static IResult TooManyRequests(HttpContext context, TimeSpan retryAfter)
    {
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests; retry later");
    }
}
