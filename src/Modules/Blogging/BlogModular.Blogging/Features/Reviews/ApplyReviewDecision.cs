using BlogModular.Accounts.Contracts;
using BlogModular.Approvals.Contracts;
using BlogModular.Blogging.Contracts;
using BlogModular.Blogging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlogModular.Blogging.Features.Reviews;

/// <summary>
/// Publishes or rejects the post revision named by the decision (matched by id and revision, never by title), and asks
/// Accounts to e-mail the author about it. The e-mail request leaves through the outbox with the post's change, so a
/// repeated or late decision, which changes nothing, asks for nothing. Every decision is acknowledged to Approvals in
/// the same transaction, whether it changed the post or not, so Approvals stops sending it again.
/// </summary>
public static class ApplyReviewDecisionHandler
{
    /// <summary>
    /// Before anything changes: a decision Blogging does not trust (<see cref="TrustReviewDecision"/>) is refused with an
    /// exception, which dead-letters it; one whose revision's acknowledgement has not arrived yet is retried later.
    /// </summary>
    public static async Task BeforeAsync(
        ReviewDecided decision, BloggingDbContext db, TimeProvider clock, IOptions<ReviewDecisionSettings> settings, ILogger logger,
        CancellationToken cancellationToken)
    {
        var post = await db.Posts.SingleOrDefaultAsync(p => p.Id == decision.PostId, cancellationToken);
        if (post is null)
        {
            return;
        }

        var trust = TrustReviewDecision.Check(post, decision, clock.GetUtcNow(), settings.Value.MaxClockSkew);
        if (!trust.IsKnown)
        {
            throw new ReviewRequestNotYetKnownException(decision);
        }

        if (!trust.IsTrusted)
        {
            logger.LogWarning(
                "Review decision {ApprovalId} on revision {Revision} of post {PostId} refused: {Reason}",
                decision.ApprovalId, decision.Revision, decision.PostId, trust.Reason);
            throw new UntrustedReviewDecisionException(decision, trust.Reason!);
        }
    }

    public static async Task<(NotifyUser?, ReviewAcknowledged)> Handle(
        ReviewDecided decision, BloggingDbContext db, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        var post = await db.Posts.SingleOrDefaultAsync(p => p.Id == decision.PostId, cancellationToken);
        if (post is null)
        {
            // Only possible if the post's row is gone: nothing to publish, and retrying would not help; Approvals flags it.
            logger.LogWarning("Review decision {ApprovalId} names unknown post {PostId}; ignored", decision.ApprovalId, decision.PostId);
            return (null, Acknowledgement(decision, ReviewReceipt.UnknownPost, clock));
        }

        var ofEdit = post.Pending?.Revision == decision.Revision;
        if (!post.ApplyDecision(decision.Revision, decision.Outcome, decision.Reason, decision.DecidedAt))
        {
            logger.LogInformation(
                "Decision on revision {Revision} of post {PostId} ignored: its latest revision is {LatestRevision}, awaiting a decision: {Awaits}",
                decision.Revision, post.Id, post.LatestRevision, post.AwaitsDecision);
            return (null, Acknowledgement(decision, ReviewReceipt.DecisionNotApplied, clock));
        }

        // A rejected edit of a published post keeps its own title; anything else is now the post's.
        return (DecisionNotification.For(decision, post.AuthorId, post.Pending?.Title ?? post.Title, ofEdit),
            Acknowledgement(decision, ReviewReceipt.DecisionApplied, clock));
    }

    private static ReviewAcknowledged Acknowledgement(ReviewDecided decision, ReviewReceipt receipt, TimeProvider clock) =>
        new(decision.PostId, decision.Revision, decision.ApprovalId, receipt, clock.GetUtcNow());
}
