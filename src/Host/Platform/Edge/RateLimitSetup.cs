using System.Security.Claims;
using System.Threading.RateLimiting;
using BlogModular.BuildingBlocks.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BlogModular.Host.Platform.Edge;

/// <summary>
/// The rate limiter every policy shares (<see cref="RateLimitPolicies"/>): a rejection is a 429 ProblemDetails with
/// Retry-After, and partitions use the client's address as <see cref="EdgeSetup"/> established it. The writing policy
/// is defined here, per signed-in user; Accounts defines its own, per client address.
/// </summary>
public static class RateLimitSetup
{
    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        var permits = builder.Configuration.GetValue("RateLimits:Writing:PermitLimit", 30);
        var window = TimeSpan.FromSeconds(builder.Configuration.GetValue("RateLimits:Writing:WindowSeconds", 60));
        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(RateLimitPolicies.Writing, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user ? $"user:{user}" : $"address:{RateLimitPolicies.ClientAddress(context)}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                await RateLimitPolicies.TooManyRequests(context.HttpContext, retryAfter).ExecuteAsync(context.HttpContext);
            };
        });
        return builder;
    }
}
