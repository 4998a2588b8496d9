using BlogModular.Approvals.Contracts;
using BlogModular.Blogging.Contracts;
using BlogModular.Blogging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace BlogModular.Blogging.Features.Reviews;

/// <summary>
/// Approvals has the requests: the posts are "received for review" and no longer re-announced. Acknowledgements that
/// arrive together are applied together (BloggingModule batches them): one query and one commit per batch.
/// </summary>
public static class AcknowledgeSubmissionsHandler
{
    /// <returns>For each request naming a post Blogging does not know, the answer that lets Approvals flag it.</returns>
    public static async Task<OutgoingMessages> Handle(
        ReviewRequested[] requests, BloggingDbContext db, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        var unknown = new OutgoingMessages();
        var postIds = requests.Select(r => r.PostId).Distinct().ToList();
        var posts = await db.Posts.Where(p => postIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        foreach (var requested in requests)
        {
            if (posts.TryGetValue(requested.PostId, out var post))
            {
                if (!post.Acknowledge(requested.Revision, requested.ApprovalId, requested.RequestedAt)
                    && requested.Revision == post.LatestRevision && post.ReviewRequestId is { } known && known != requested.ApprovalId)
                {
                    // Approvals keeps one request per revision: another id for an acknowledged revision is not its own.
                    logger.LogWarning(
                        "Review request {ApprovalId} for revision {Revision} of post {PostId} ignored: that revision's request is {KnownApprovalId}",
                        requested.ApprovalId, requested.Revision, requested.PostId, known);
                }
            }
            else
            {
                logger.LogWarning("Review request {ApprovalId} names unknown post {PostId}; ignored", requested.ApprovalId, requested.PostId);
                unknown.Add(new ReviewAcknowledged(requested.PostId, requested.Revision, requested.ApprovalId, ReviewReceipt.UnknownPost, clock.GetUtcNow()));
            }
        }

        return unknown;
    }
}

/// <summary>
/// An acknowledgement from an Approvals process still on version 1 of the contract, for revision 1. A handler of its
/// own rather than Wolverine's forwarding: acknowledgements are handled in batches, and a forwarded message bypasses them.
/// </summary>
public static class AcknowledgeVersion1SubmissionHandler
{
    public static Task<OutgoingMessages> Handle(
        ReviewRequestedV1 requested, BloggingDbContext db, TimeProvider clock, ILogger logger, CancellationToken cancellationToken) =>
        AcknowledgeSubmissionsHandler.Handle([requested.Transform()], db, clock, logger, cancellationToken);
}
