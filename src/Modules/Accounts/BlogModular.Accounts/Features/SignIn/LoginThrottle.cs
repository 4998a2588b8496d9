using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity.Data;

namespace BlogModular.Accounts.Features.SignIn;

/// <summary>
/// Failed logins are counted per (client address, account), not per account: after
/// <c>Accounts:LoginThrottle:MaxFailures</c> failures within <c>Accounts:LoginThrottle:WindowSeconds</c> that address
/// may not try that account again until the window ends, while the owner, from any other address, still can. An
/// account-wide lockout would let anyone keep any user out by failing on purpose (ADR 0020).
/// </summary>
internal sealed class LoginThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures;

    public LoginThrottle(IConfiguration configuration)
    {
        var failures = configuration.GetValue("Accounts:LoginThrottle:MaxFailures", 5);
        var window = TimeSpan.FromSeconds(configuration.GetValue("Accounts:LoginThrottle:WindowSeconds", 300));
        _failures = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(
            key, _ => new FixedWindowRateLimiterOptions { PermitLimit = failures, Window = window, QueueLimit = 0 }));
    }

    /// <summary>Null while this address may still try this account; otherwise how long until it may again.</summary>
    public TimeSpan? Blocked(string clientAddress, string? email)
    {
        // Zero permits asks "any left?" without using one.
        using var lease = _failures.AttemptAcquire(Key(clientAddress, email), permitCount: 0);
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
    }

    public void Failed(string clientAddress, string? email)
    {
        using var lease = _failures.AttemptAcquire(Key(clientAddress, email));
    }

    /// <summary>The API's login: refused with 429 while blocked, and each 401 counted.</summary>
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.Arguments.OfType<LoginRequest>().FirstOrDefault() is not { } login)
        {
            return await next(context);
        }

        var http = context.HttpContext;
        var throttle = http.RequestServices.GetRequiredService<LoginThrottle>();
        var address = BuildingBlocks.Web.RateLimitPolicies.ClientAddress(http);
        if (throttle.Blocked(address, login.Email) is { } retryAfter)
        {
            return BuildingBlocks.Web.RateLimitPolicies.TooManyRequests(http, retryAfter);
        }

        var result = await next(context);
        // Identity's handler answers a Results<…> union; the status is on the result inside it.
        if ((result is INestedHttpResult nested ? nested.Result : result) is IStatusCodeHttpResult { StatusCode: StatusCodes.Status401Unauthorized })
        {
            throttle.Failed(address, login.Email);
        }

        return result;
    }

    public void Dispose() => _failures.Dispose();

    private static string Key(string clientAddress, string? email) => $"{clientAddress}|{email?.Trim().ToUpperInvariant()}";
}
