using BlogModular.Accounts.Contracts;
using BlogModular.Approvals.Contracts;
using BlogModular.Blogging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BlogModular.Blogging.Features.Reviews;

/// <summary>
/// Publishes or rejects the post named by the decision (matched by id, never by title), and asks Accounts to e-mail
/// the author about it. The e-mail request leaves through the outbox with the post's change, so a repeated decision,
/// which changes nothing, asks for nothing.
/// </summary>
public static class ApplyReviewDecisionHandler
{
    public static async Task<NotifyUser?> Handle(ReviewDecided decision, BloggingDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        var post = await db.Posts.SingleOrDefaultAsync(p => p.Id == decision.PostId, cancellationToken);
        if (post is null)
        {
            // Only possible if the post's row is gone: nothing to publish, and retrying would not help.
            logger.LogWarning("Review decision {ApprovalId} names unknown post {PostId}; ignored", decision.ApprovalId, decision.PostId);
            return null;
        }

        if (!post.ApplyDecision(decision.Outcome, decision.Reason, decision.DecidedAt))
        {
            logger.LogInformation("Post {PostId} was already {Status}; repeated decision ignored", post.Id, post.Status);
            return null;
        }

        return DecisionNotification.For(decision, post.AuthorId, post.Title);
    }
}
