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
    /// <param name="ofEdit">The decision is on an edit of an already published post, whose published text stays until approved.</param>
    public static NotifyUser For(ReviewDecided decision, Guid authorId, string title, bool ofEdit = false)
    {
        var (subject, text) = (decision.Outcome, ofEdit) switch
        {
            (ReviewOutcome.Approved, false) => ($"Your post \"{title}\" was approved",
                $"A reviewer approved your post \"{title}\". It is now published."),
            (ReviewOutcome.Approved, true) => ($"Your edit of \"{title}\" was approved",
                $"A reviewer approved revision {decision.Revision} of your post \"{title}\". Readers now see it."),
            (ReviewOutcome.Rejected, false) => ($"Your post \"{title}\" was rejected",
                $"A reviewer rejected your post \"{title}\"." + Reason(decision)),
            (ReviewOutcome.Rejected, true) => ($"Your edit of \"{title}\" was rejected",
                $"A reviewer rejected revision {decision.Revision} of your post \"{title}\"; readers still see the published one." + Reason(decision)),
            _ => throw new ArgumentOutOfRangeException(nameof(decision), decision.Outcome, "Unknown review outcome."),
        };
        return new NotifyUser(decision.ApprovalId, authorId, NotificationKind.ReviewDecision, subject, text, PostsPages.For(decision.PostId));
    }

    private static string Reason(ReviewDecided decision) =>
        string.IsNullOrWhiteSpace(decision.Reason) ? "" : $"\n\nTheir reason: {decision.Reason.Trim()}";
}
