using BlogModular.Approvals.Persistence;
using BlogModular.Blogging.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BlogModular.Approvals.Features.Requests;

/// <summary>
/// Blogging's answer about a request: it has the decision (applied or not), so the decision is no longer sent
/// again; or it knows no such post, so the request is flagged as orphaned for an operator (the operations view and
/// the <c>orphaned_requests</c> gauge).
/// </summary>
public static class ReceiveReviewAcknowledgementHandler
{
    public static async Task Handle(ReviewAcknowledged acknowledged, ApprovalsDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        var request = await db.Requests.SingleOrDefaultAsync(r => r.Id == acknowledged.ApprovalId, cancellationToken);
        if (request is null)
        {
            logger.LogWarning("Acknowledgement of approval request {ApprovalId} (post {PostId}) names no request; ignored", acknowledged.ApprovalId, acknowledged.PostId);
            return;
        }

        if (acknowledged.Receipt == ReviewReceipt.UnknownPost)
        {
            if (request.Orphan(acknowledged.AcknowledgedAt))
            {
                logger.LogError("Approval request {ApprovalId} is orphaned: Blogging knows no post {PostId}", request.Id, request.PostId);
            }

            return;
        }

        if (request.AcknowledgeDecision(acknowledged.AcknowledgedAt))
        {
            logger.LogInformation("Decision on approval request {ApprovalId} for post {PostId} acknowledged by Blogging: {Receipt}",
                request.Id, request.PostId, acknowledged.Receipt);
        }
    }
}
