using Wolverine;
using Wolverine.Attributes;

namespace BlogModular.Approvals.Contracts;

/// <summary>
/// A reviewer approved or rejected the post's revision. Travels on <see cref="ApprovalsTopics.BlogApproval"/>. A
/// decision for any revision but the post's latest changes nothing.
/// </summary>
[MessageIdentity("approvals.review-decided", Version = 2)]
public sealed record ReviewDecided(Guid PostId, int Revision, Guid ApprovalId, ReviewOutcome Outcome, string? Reason, DateTimeOffset DecidedAt);

/// <summary>From before revisions: handled as <see cref="ReviewDecided"/> for revision 1.</summary>
[MessageIdentity("approvals.review-decided", Version = 1)]
public sealed record ReviewDecidedV1(Guid PostId, Guid ApprovalId, ReviewOutcome Outcome, string? Reason, DateTimeOffset DecidedAt)
    : IForwardsTo<ReviewDecided>
{
    public ReviewDecided Transform() => new(PostId, 1, ApprovalId, Outcome, Reason, DecidedAt);
}
