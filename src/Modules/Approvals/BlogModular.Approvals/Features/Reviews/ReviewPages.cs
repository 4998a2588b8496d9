namespace BlogModular.Approvals.Features.Reviews;

/// <summary>The Approvals pages' addresses, declared once for links, the front door and browser tests.</summary>
public static class ReviewPages
{
    public const string Board = "/reviews";

    /// <summary>
    /// Where the board's interactive circuit connects: under the module's own path, so a front door that sends
    /// /reviews to the Approvals process sends the circuit there too (ADR 0007).
    /// </summary>
    public const string Circuit = "/reviews/_blazor";
}
