using BlogModular.Approvals.Contracts;
using BlogModular.Approvals.Domain;
using BlogModular.Approvals.Persistence;
using BlogModular.Blogging.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace BlogModular.Approvals.Features.Requests;

/// <summary>
/// Turns submitted posts into "To Do" approval requests, once per post id. Wolverine hands over the submissions
/// that arrived together (ApprovalsModule batches them): one query, one transaction and one commit per batch.
/// </summary>
public static class ReceivePostSubmissionsHandler
{
    /// <returns>An acknowledgement per post, also for a re-announced one: the first one may be what got lost.</returns>
    public static async Task<OutgoingMessages> Handle(
        PostSubmitted[] submissions, ApprovalsDbContext db, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        // The inbox drops a redelivered envelope; this drops a re-announced post. A concurrent duplicate
        // hits the unique index instead, and the batch's retry then finds the request here.
        var postIds = submissions.Select(s => s.PostId).Distinct().ToList();
        var existing = await db.Requests.AsNoTracking()
            .Where(r => postIds.Contains(r.PostId))
            .ToDictionaryAsync(r => r.PostId, cancellationToken);

        var now = clock.GetUtcNow();
        var acknowledgements = new OutgoingMessages();
        foreach (var submitted in submissions.DistinctBy(s => s.PostId))
        {
            if (existing.TryGetValue(submitted.PostId, out var request))
            {
                logger.LogInformation("Post {PostId} already has an approval request; submission ignored", submitted.PostId);
            }
            else
            {
                request = ApprovalRequest.Receive(submitted.PostId, submitted.Title, submitted.Content, submitted.Author, now);
                db.Requests.Add(request);
                ApprovalsMetrics.RequestStored(now - submitted.SubmittedAt);
                logger.LogInformation("Approval request {ApprovalId} created for post {PostId}", request.Id, submitted.PostId);
            }

            acknowledgements.Add(new ReviewRequested(request.PostId, request.Id, request.RequestedAt));
        }

        return acknowledgements;
    }
}
