namespace BlogModular.Accounts.Domain;

public enum RoleChangeKind
{
    Granted,
    Removed,
}

/// <summary>
/// One grant or removal of a role, as it happened: who did it (an account, or the command line), to whom, which role,
/// and when. Written in the same transaction as the change itself and never updated.
/// </summary>
public sealed class RoleChange
{
    /// <summary>What <see cref="ActorName"/> says when the change came from <c>accounts add-user</c>.</summary>
    public const string CommandLine = "command line";

    private RoleChange(Guid id, DateTimeOffset at, Guid? actorId, string actorName, Guid userId, string userEmail, string role, RoleChangeKind change)
    {
        Id = id;
        At = at;
        ActorId = actorId;
        ActorName = actorName;
        UserId = userId;
        UserEmail = userEmail;
        Role = role;
        Change = change;
    }

    public Guid Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>The acting account; null for the command line.</summary>
    public Guid? ActorId { get; private set; }

    public string ActorName { get; private set; }

    public Guid UserId { get; private set; }

    /// <summary>The account's address at the time of the change (it may change later).</summary>
    public string UserEmail { get; private set; }

    public string Role { get; private set; }

    public RoleChangeKind Change { get; private set; }

    public static RoleChange Of(User user, string role, RoleChangeKind change, RoleChanger by, DateTimeOffset at) =>
        new(Guid.CreateVersion7(at), at, by.Id, by.Name, user.Id, user.Email ?? "", role, change);
}

/// <summary>Who changes a role: a signed-in account, or the command line (no account).</summary>
public sealed record RoleChanger(Guid? Id, string Name)
{
    public static readonly RoleChanger CommandLine = new(null, RoleChange.CommandLine);
}
