using BlogModular.Approvals.Contracts;
using BlogModular.Approvals.Domain;
using BlogModular.Approvals.Persistence;
using BlogModular.Blogging.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BlogModular.Approvals.Features.Requests;

/// <summary>Turns a submitted post into a "To Do" approval request, once per post id.</summary>
public static class ReceivePostSubmissionHandler
{
    /// <returns>The acknowledgement, also for a re-announced post: the first one may be what got lost.</returns>
    public static async Task<ReviewRequested> Handle(PostSubmitted submitted, ApprovalsDbContext db, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        // The inbox drops a redelivered envelope; this drops a re-announced post. A concurrent duplicate
        // hits the unique index instead, and its retry then takes this branch.
        if (await db.Requests.AsNoTracking().SingleOrDefaultAsync(r => r.PostId == submitted.PostId, cancellationToken) is { } existing)
        {
            logger.LogInformation("Post {PostId} already has an approval request; submission ignored", submitted.PostId);
            return new ReviewRequested(existing.PostId, existing.Id, existing.RequestedAt);
        }

        var now = clock.GetUtcNow();
        var request = ApprovalRequest.Receive(submitted.PostId, submitted.Title, submitted.Content, submitted.Author, now);
        db.Requests.Add(request);
        ApprovalsMetrics.RequestStored(now - submitted.SubmittedAt);
        logger.LogInformation("Approval request {ApprovalId} created for post {PostId}", request.Id, submitted.PostId);
        return new ReviewRequested(request.PostId, request.Id, request.RequestedAt);
    }
}
