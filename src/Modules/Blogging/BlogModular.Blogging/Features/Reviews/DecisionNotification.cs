using BlogModular.Accounts.Contracts;
using BlogModular.Approvals.Contracts;
using BlogModular.Blogging.Features.Posts;

namespace BlogModular.Blogging.Features.Reviews;

/// <summary>What the author is told about a review decision on their post.</summary>
internal static class DecisionNotification
{
    /// <summary>
    /// The notification for <paramref name="decision"/>. Its id is the decision's approval id, so the same decision,
    /// however often it arrives, is one notification to Accounts.
    /// </summary>
    public static NotifyUser For(ReviewDecided decision, Guid authorId, string title)
    {
        var (subject, text) = decision.Outcome switch
        {
            ReviewOutcome.Approved => ($"Your post \"{title}\" was approved",
                $"A reviewer approved your post \"{title}\". It is now published."),
            ReviewOutcome.Rejected => ($"Your post \"{title}\" was rejected",
                $"A reviewer rejected your post \"{title}\"." +
                (string.IsNullOrWhiteSpace(decision.Reason) ? "" : $"\n\nTheir reason: {decision.Reason.Trim()}")),
            _ => throw new ArgumentOutOfRangeException(nameof(decision), decision.Outcome, "Unknown review outcome."),
        };
        return new NotifyUser(decision.ApprovalId, authorId, NotificationKind.ReviewDecision, subject, text, PostsPages.For(decision.PostId));
    }
}
