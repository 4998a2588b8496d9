namespace BlogModular.BuildingBlocks.Security;

/// <summary>Every confirmed account is an author; reviewers (the seed's "blog admins") process approvals.</summary>
public static class Roles
{
    public const string Reviewer = "Reviewer";
}

/// <summary>Authorization policies shared by every module; the host defines them (see AccountsSetup).</summary>
public static class Policies
{
    /// <summary>A signed-in account; signing in requires a confirmed e-mail address.</summary>
    public const string Author = "Author";

    public const string Reviewer = "Reviewer";
}
