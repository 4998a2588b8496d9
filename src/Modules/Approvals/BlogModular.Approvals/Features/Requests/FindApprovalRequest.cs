using BlogModular.Approvals.Persistence;
using BlogModular.Approvals.Features.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlogModular.Approvals.Features.Requests;

/// <summary>The approval request made for a post, if it has arrived yet (it comes over Kafka after the submission commits).</summary>
public sealed record FindApprovalRequest(Guid PostId);

public static class FindApprovalRequestHandler
{
    public static async Task<ApprovalResponse?> Handle(
        FindApprovalRequest query, ApprovalsDbContext db, TimeProvider clock, IOptions<ReviewSettings> settings, CancellationToken cancellationToken) =>
        await db.Requests.AsNoTracking().SingleOrDefaultAsync(r => r.PostId == query.PostId, cancellationToken) is { } request
            ? ApprovalResponse.From(request, settings.Value.IsOverdue(request, clock.GetUtcNow()))
            : null;
}
