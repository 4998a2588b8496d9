using BlogModular.Approvals.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BlogModular.Approvals.Features.Requests;

/// <summary>The approval request made for a post, if it has arrived yet (it comes over Kafka after the submission commits).</summary>
public sealed record FindApprovalRequest(Guid PostId);

public static class FindApprovalRequestHandler
{
    public static async Task<ApprovalResponse?> Handle(FindApprovalRequest query, ApprovalsDbContext db, CancellationToken cancellationToken) =>
        await db.Requests.AsNoTracking().Where(r => r.PostId == query.PostId)
            .Select(r => ApprovalResponse.From(r)).SingleOrDefaultAsync(cancellationToken);
}
