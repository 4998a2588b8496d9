using BlogModular.Approvals.Contracts;
using BlogModular.Approvals.Domain;
using BlogModular.Approvals.Persistence;
using BlogModular.Blogging.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace BlogModular.Approvals.Features.Requests;

/// <summary>
/// Turns submitted post revisions into "To Do" approval requests, once per post and revision; a newer revision
/// supersedes the post's requests that are not done. Wolverine hands over the submissions
/// that arrived together (ApprovalsModule batches them): one query, one transaction and one commit per batch.
/// </summary>
public static class ReceivePostSubmissionsHandler
{
    /// <returns>An acknowledgement per post, also for a re-announced one: the first one may be what got lost.</returns>
    public static async Task<OutgoingMessages> Handle(
        PostSubmitted[] submissions, ApprovalsDbContext db, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        // The inbox drops a redelivered envelope; this drops a re-announced revision. A concurrent duplicate
        // hits the unique index instead, and the batch's retry then finds the request here.
        var postIds = submissions.Select(s => s.PostId).Distinct().ToList();
        var requests = await db.Requests
            .Where(r => postIds.Contains(r.PostId))
            .ToListAsync(cancellationToken);

        var now = clock.GetUtcNow();
        var acknowledgements = new OutgoingMessages();
        foreach (var submitted in submissions.DistinctBy(s => (s.PostId, s.Revision)).OrderBy(s => s.Revision))
        {
            var ofPost = requests.Where(r => r.PostId == submitted.PostId).ToList();
            var request = ofPost.SingleOrDefault(r => r.Revision == submitted.Revision);
            if (request is not null)
            {
                logger.LogInformation("Revision {Revision} of post {PostId} already has an approval request; submission ignored", submitted.Revision, submitted.PostId);
            }
            else if (ofPost.Any(r => r.Revision > submitted.Revision))
            {
                // A late re-announcement of a revision the author has since replaced: nothing to review.
                logger.LogInformation("Revision {Revision} of post {PostId} was replaced by a newer one; submission ignored", submitted.Revision, submitted.PostId);
                continue;
            }
            else
            {
                foreach (var older in ofPost.Where(r => r.Supersede(now)))
                {
                    logger.LogInformation("Approval request {ApprovalId} superseded by revision {Revision} of post {PostId}", older.Id, submitted.Revision, submitted.PostId);
                }

                request = ApprovalRequest.Receive(submitted, now);
                db.Requests.Add(request);
                requests.Add(request);
                ApprovalsMetrics.RequestStored(now - submitted.SubmittedAt);
                logger.LogInformation("Approval request {ApprovalId} created for revision {Revision} of post {PostId}", request.Id, submitted.Revision, submitted.PostId);
            }

            acknowledgements.Add(new ReviewRequested(request.PostId, request.Revision, request.Id, request.RequestedAt));
        }

        return acknowledgements;
    }
}

/// <summary>
/// A submission from a Blogging process still on version 1 of the contract, taken as revision 1. A handler of its own
/// rather than Wolverine's forwarding: submissions are handled in batches, and a forwarded message bypasses them.
/// </summary>
public static class ReceiveVersion1SubmissionHandler
{
    public static Task<OutgoingMessages> Handle(
        PostSubmittedV1 submitted, ApprovalsDbContext db, TimeProvider clock, ILogger logger, CancellationToken cancellationToken) =>
        ReceivePostSubmissionsHandler.Handle([submitted.Transform()], db, clock, logger, cancellationToken);
}
