using System.Security.Claims;
using BlogModular.BuildingBlocks.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BlogModular.Accounts.Domain;

/// <summary>Puts the display name into the identity, so modules read it from the caller's claims.</summary>
internal sealed class DisplayNameClaimsFactory(
    UserManager<User> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<User, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CurrentUser.DisplayNameClaim, user.DisplayName));
        return identity;
    }
}
