using BlogModular.Approvals.Contracts;
using BlogModular.Blogging.Contracts;
using BlogModular.Blogging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BlogModular.Blogging.Features.Reviews;

/// <summary>A reviewer picked the post up: "in review" on the author's timeline.</summary>
public static class RecordReviewStartedHandler
{
    /// <returns>Only for a post Blogging does not know: the answer that lets Approvals flag the request.</returns>
    public static async Task<ReviewAcknowledged?> Handle(
        ReviewStarted started, BloggingDbContext db, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        var post = await db.Posts.SingleOrDefaultAsync(p => p.Id == started.PostId, cancellationToken);
        if (post is null)
        {
            logger.LogWarning("Review start {ApprovalId} names unknown post {PostId}; ignored", started.ApprovalId, started.PostId);
            return new ReviewAcknowledged(started.PostId, started.Revision, started.ApprovalId, ReviewReceipt.UnknownPost, clock.GetUtcNow());
        }

        post.MarkInReview(started.Revision, started.StartedAt);
        return null;
    }
}
