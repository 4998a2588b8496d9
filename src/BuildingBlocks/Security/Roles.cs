namespace BlogModular.BuildingBlocks.Security;

/// <summary>Every confirmed account is an author; reviewers process approvals.</summary>
public static class Roles
{
    public const string Reviewer = "Reviewer";
}

/// <summary>Authorization policies shared by every module; the Accounts module defines them (AccountsModule).</summary>
public static class Policies
{
    /// <summary>A signed-in account; signing in requires a confirmed e-mail address.</summary>
    public const string Author = "Author";

    public const string Reviewer = "Reviewer";
}
