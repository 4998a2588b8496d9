using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace BlogModular.BuildingBlocks.Security;

/// <summary>
/// A live page is a Blazor circuit that outlives the request that authorized it. Accounts revalidates the circuit's
/// sign-in on the schedule it revalidates cookies and tokens on (ADR 0021) and replaces it with an anonymous one once
/// the account signed out, changed its password or had a role changed; a live page asks again whenever its
/// authentication state changes, and closes when its policy no longer holds.
/// </summary>
public static class LivePageAccess
{
    /// <summary>What a closed live page says instead of its content.</summary>
    public const string Ended = "Your sign-in has changed (signed out, a new password or a changed role). Reload the page to go on.";

    public static async Task<bool> AllowsAsync(this IAuthorizationService authorization, Task<AuthenticationState>? state, string policy) =>
        state is not null && (await authorization.AuthorizeAsync((await state).User, policy)).Succeeded;
}
