using BlogModular.Accounts.Domain;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;

namespace BlogModular.Accounts.Features.SignIn;

/// <summary>
/// Signing out, changing the password and losing a role reach sessions already open — cookies and bearer tokens —
/// within <see cref="RevalidateAfter"/> (at most 30 seconds; ADR 0021). Both schemes compare the security stamp in
/// the ticket with the account's current one at most that long after they last did: the cookie through Identity's
/// own <see cref="SecurityStampValidator"/>, the bearer token here, with the answer cached per token. A stale
/// stamp (signed out, password changed) is a 401; a current one gets the account's roles as they are now, so a
/// removed role is a 403 although the token still names it. A live page's circuit keeps the principal it opened with,
/// so it is checked on the same schedule (<see cref="CircuitRevalidation"/>).
/// </summary>
internal static class SessionRevocation
{
    public const string Section = "Accounts:Sessions";

    /// <summary>The longest a change may take to reach an open session.</summary>
    public static readonly TimeSpan MaxRevalidateAfter = TimeSpan.FromSeconds(30);

    private const string BearerPrefix = "Bearer ";

    public static void AddSessionRevocation(this WebApplicationBuilder builder)
    {
        var after = RevalidateAfter(builder.Configuration);
        builder.Services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = after);
        builder.Services.AddMemoryCache();
        builder.Services.PostConfigure<BearerTokenOptions>(IdentityConstants.BearerScheme, bearer =>
            bearer.Events.OnMessageReceived = context => RevalidateAsync(context, after));
        // Before the UI's registration, which only adds Blazor's non-revalidating provider when none is registered.
        builder.Services.AddScoped<AuthenticationStateProvider>(services => new CircuitRevalidation(
            services.GetRequiredService<ILoggerFactory>(), services.GetRequiredService<IServiceScopeFactory>(),
            services.GetRequiredService<IHostApplicationLifetime>(), after));
    }

    /// <summary><c>Accounts:Sessions:RevalidateAfter</c>: 30 seconds unless set lower; more than 30 seconds is refused at startup.</summary>
    public static TimeSpan RevalidateAfter(IConfiguration configuration)
    {
        var after = configuration.GetValue($"{Section}:RevalidateAfter", MaxRevalidateAfter);
        return after > TimeSpan.Zero && after <= MaxRevalidateAfter
            ? after
            : throw new InvalidOperationException(
                $"{Section}:RevalidateAfter is {after}; it must be more than zero and at most {MaxRevalidateAfter} " +
                "(how long a sign-out, password change or removed role may take to reach open sessions).");
    }

    /// <summary>
    /// Runs before the bearer handler reads the token. A token that does not decrypt or has expired is left to the
    /// handler, which refuses it; a valid one is checked against the store (or the cache) and either failed or
    /// replaced by the account's current principal.
    /// </summary>
    private static async Task RevalidateAsync(MessageReceivedContext context, TimeSpan after)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.Ordinal))
        {
            return;
        }

        var token = header[BearerPrefix.Length..];
        var ticket = context.Options.BearerTokenProtector.Unprotect(token);
        if (ticket?.Properties.ExpiresUtc is not { } expires || context.Options.TimeProvider!.GetUtcNow() >= expires)
        {
            return;
        }

        var services = context.HttpContext.RequestServices;
        // Per token, not per account: a token issued after a role change must not get the roles an older token of the
        // same account cached before it (tokens carry their expiry only to the second, so it cannot tell them apart).
        var current = await services.GetRequiredService<IMemoryCache>().GetOrCreateAsync((nameof(SessionRevocation), token), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = after;
            var signIn = services.GetRequiredService<SignInManager<User>>();
            return await signIn.ValidateSecurityStampAsync(ticket.Principal) is { } user ? await signIn.CreateUserPrincipalAsync(user) : null;
        });

        if (current is null)
        {
            context.Fail("The token was revoked: its account signed out, changed its password or no longer exists.");
            return;
        }

        context.Principal = current.Clone();
        context.Properties = ticket.Properties;
        context.Success();
    }
}

/// <summary>
/// Blazor's revalidating provider for a live page's circuit: every <c>Accounts:Sessions:RevalidateAfter</c> the
/// circuit's principal is compared with the account. A stale security stamp (signed out, password changed) or a
/// different set of roles ends the circuit's sign-in, and the page says so; reloading it signs in afresh with the
/// cookie, and with the account's roles as they are now.
/// </summary>
internal sealed class CircuitRevalidation(
    ILoggerFactory loggers, IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, TimeSpan after)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => after;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var principal = authenticationState.User;
        // A host shutting down ends its circuits anyway, and its services may already be gone.
        if (principal.Identity?.IsAuthenticated != true || lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return true;
        }

        await using var scope = scopes.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<User>>();
        if (await signIn.ValidateSecurityStampAsync(principal) is not { } user)
        {
            return false;
        }

        var roles = await signIn.UserManager.GetRolesAsync(user);
        return principal.FindAll(signIn.Options.ClaimsIdentity.RoleClaimType).Select(claim => claim.Value).ToHashSet().SetEquals(roles);
    }
}
