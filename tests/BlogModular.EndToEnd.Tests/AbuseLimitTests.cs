using BlogModular.BuildingBlocks.Web;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BlogModular.EndToEnd.Tests;

/// <summary>Which endpoints and pages carry which rate limit (the limits themselves: Deployment's RateLimitTests).</summary>
[Collection(HostGroup.Name)]
public sealed class AbuseLimitTests(AppFixture app)
{
    [Theory]
    [InlineData("POST", "/api/auth/login", RateLimitPolicies.Accounts)]
    [InlineData("POST", "/api/auth/signup", RateLimitPolicies.Accounts)]
    [InlineData("POST", "/api/auth/forgotPassword", RateLimitPolicies.Accounts)]
    [InlineData("POST", "/api/auth/resetPassword", RateLimitPolicies.Accounts)]
    [InlineData("POST", "/api/auth/resendConfirmationEmail", RateLimitPolicies.Accounts)]
    [InlineData("GET", "/api/auth/manage/info", RateLimitPolicies.Accounts)]
    [InlineData("POST", "/api/auth/manage/info", RateLimitPolicies.Accounts)]
    [InlineData("GET", "/account/login", RateLimitPolicies.Accounts)]
    [InlineData("GET", "/account/signup", RateLimitPolicies.Accounts)]
    [InlineData("POST", "/api/posts", RateLimitPolicies.Writing)]
    public void The_route_is_rate_limited_by_its_policy(string method, string route, string policy)
    {
        var endpoints = app.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimEnd('/') == route &&
                        (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(method) ?? true))
            .ToList();

        endpoints.ShouldNotBeEmpty($"{method} {route}");
        endpoints.ShouldAllBe(e => e.Metadata.GetMetadata<EnableRateLimitingAttribute>()!.PolicyName == policy);
    }
}
