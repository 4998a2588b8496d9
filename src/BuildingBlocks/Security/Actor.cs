using System.Security.Claims;

namespace BlogModular.BuildingBlocks.Security;

/// <summary>
/// Who performs a use case, as plain data: endpoints and pages read it from the signed-in user, and handlers
/// never see a <see cref="ClaimsPrincipal"/>.
/// </summary>
public sealed record Actor(Guid Id, string Name);

public static class ActorClaims
{
    /// <summary>The signed-in user as an actor; null for an anonymous caller.</summary>
    public static Actor? ToActor(this ClaimsPrincipal user) => user.Id() is { } id ? new Actor(id, user.DisplayName()) : null;
}
