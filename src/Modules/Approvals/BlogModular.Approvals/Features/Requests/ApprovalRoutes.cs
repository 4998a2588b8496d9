namespace BlogModular.Approvals.Features.Requests;

/// <summary>Route templates, declared once and reused by endpoints and tests.</summary>
public static class ApprovalRoutes
{
    public const string Approvals = "/api/approvals";
    public const string Approval = "/api/approvals/{id}";
    public const string Start = "/api/approvals/{id}/start";
    public const string Decision = "/api/approvals/{id}/decision";
    public const string Takeover = "/api/approvals/{id}/takeover";

    public static string For(Guid id) => $"{Approvals}/{id}";
}
