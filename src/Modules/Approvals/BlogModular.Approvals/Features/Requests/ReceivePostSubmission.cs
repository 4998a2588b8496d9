using BlogModular.Approvals.Domain;
using BlogModular.Approvals.Persistence;
using BlogModular.Blogging.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BlogModular.Approvals.Features.Requests;

/// <summary>Turns a submitted post into a "To Do" approval request, once per post id.</summary>
public static class ReceivePostSubmissionHandler
{
    public static async Task Handle(PostSubmitted submitted, ApprovalsDbContext db, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        // The inbox drops a redelivered envelope; this drops a re-announced post. A concurrent duplicate
        // hits the unique index instead, and its retry then takes this branch.
        if (await db.Requests.AnyAsync(r => r.PostId == submitted.PostId, cancellationToken))
        {
            logger.LogInformation("Post {PostId} already has an approval request; submission ignored", submitted.PostId);
            return;
        }

        var now = clock.GetUtcNow();
        var request = ApprovalRequest.Receive(submitted.PostId, submitted.Title, submitted.Content, submitted.Author, now);
        db.Requests.Add(request);
        ApprovalsMetrics.RequestStored(now - submitted.SubmittedAt);
        logger.LogInformation("Approval request {ApprovalId} created for post {PostId}", request.Id, submitted.PostId);
    }
}
