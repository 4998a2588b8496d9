using BlogModular.Accounts.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace BlogModular.Accounts.Persistence;

/// <summary>
/// Lockout is off for every account, also those created while it was on: an account-wide lockout lets anyone keep a
/// user out (ADR 0020); failed logins are limited per client address and account by LoginThrottle.
/// Identity's store parses a user id with a type converter that throws on anything but a GUID, so a forged
/// confirmation link (<c>userId=abc</c>) was a 500; an id that is not a GUID now finds no user, like an unknown one.
/// </summary>
internal sealed class AccountsUserStore(AccountsDbContext context, IdentityErrorDescriber describer)
    : UserStore<User, IdentityRole<Guid>, AccountsDbContext, Guid>(context, describer)
{
    public override Guid ConvertIdFromString(string? id) => Guid.TryParse(id, out var parsed) ? parsed : Guid.Empty;

    public override Task<bool> GetLockoutEnabledAsync(User user, CancellationToken cancellationToken = default) => Task.FromResult(false);
}
