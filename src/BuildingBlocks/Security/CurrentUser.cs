using System.Security.Claims;

namespace BlogModular.BuildingBlocks.Security;

/// <summary>What modules may know about the caller: an id, a display name and the reviewer role. Never a token.</summary>
public static class CurrentUser
{
    /// <summary>Claim carrying the account's display name, added when the identity is issued.</summary>
    public const string DisplayNameClaim = "display_name";

    public static Guid? Id(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayNameClaim) ?? user.Identity?.Name ?? "";

    public static bool IsReviewer(this ClaimsPrincipal user) => user.IsInRole(Roles.Reviewer);
}
