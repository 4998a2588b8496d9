using BlogModular.Approvals.Persistence;
using BlogModular.Approvals.Features.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlogModular.Approvals.Features.Requests;

/// <summary>
/// The approval request for a post's latest revision that has arrived (requests come over Kafka after the submission
/// commits), or for <see cref="Revision"/> when given.
/// </summary>
public sealed record FindApprovalRequest(Guid PostId, int? Revision = null);

public static class FindApprovalRequestHandler
{
    public static async Task<ApprovalResponse?> Handle(
        FindApprovalRequest query, ApprovalsDbContext db, TimeProvider clock, IOptions<ReviewSettings> settings, CancellationToken cancellationToken) =>
        await db.Requests.AsNoTracking()
            .Where(r => r.PostId == query.PostId && (query.Revision == null || r.Revision == query.Revision))
            .OrderByDescending(r => r.Revision)
            .FirstOrDefaultAsync(cancellationToken) is { } request
            ? ApprovalResponse.From(request, settings.Value.IsOverdue(request, clock.GetUtcNow()))
            : null;
}
