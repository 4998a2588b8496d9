namespace BlogModular.BuildingBlocks.Security;

/// <summary>
/// Every confirmed account is an author; reviewers process approvals; operators run the message flow (outbox, inbox,
/// dead letters) and manage who holds which role. The roles are independent: an operator is not a reviewer unless
/// also granted that role.
/// </summary>
public static class Roles
{
    public const string Reviewer = "Reviewer";

    public const string Operator = "Operator";
}

/// <summary>Authorization policies shared by every module; the Accounts module defines them (AccountsModule).</summary>
public static class Policies
{
    /// <summary>A signed-in account; signing in requires a confirmed e-mail address.</summary>
    public const string Author = "Author";

    public const string Reviewer = "Reviewer";

    public const string Operator = "Operator";
}
