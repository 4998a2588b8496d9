using BlogModular.Approvals.Contracts;
using BlogModular.Blogging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BlogModular.Blogging.Features.Reviews;

/// <summary>Publishes or rejects the post revision named by the decision (matched by id and revision, never by title).</summary>
public static class ApplyReviewDecisionHandler
{
    public static async Task Handle(ReviewDecided decision, BloggingDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        var post = await db.Posts.SingleOrDefaultAsync(p => p.Id == decision.PostId, cancellationToken);
        if (post is null)
        {
            // Only possible if the post's row is gone: nothing to publish, and retrying would not help.
            logger.LogWarning("Review decision {ApprovalId} names unknown post {PostId}; ignored", decision.ApprovalId, decision.PostId);
            return;
        }

        if (!post.ApplyDecision(decision.Revision, decision.Outcome, decision.Reason, decision.DecidedAt))
        {
            logger.LogInformation(
                "Decision on revision {Revision} of post {PostId} ignored: its latest revision is {LatestRevision}, awaiting a decision: {Awaits}",
                decision.Revision, post.Id, post.LatestRevision, post.AwaitsDecision);
        }
    }
}
