namespace BlogModular.Approvals.Features.Reviews;

/// <summary>The Approvals pages' addresses, declared once for links and browser tests.</summary>
public static class ReviewPages
{
    public const string Board = "/reviews";
}
