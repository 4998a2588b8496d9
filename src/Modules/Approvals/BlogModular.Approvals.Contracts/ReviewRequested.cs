using Wolverine;
using Wolverine.Attributes;

namespace BlogModular.Approvals.Contracts;

/// <summary>
/// Approvals has an approval request for the post's revision (re-sent when a submission is re-announced). It
/// acknowledges the submission. Travels on <see cref="ApprovalsTopics.BlogApproval"/>, keyed by post id.
/// </summary>
[MessageIdentity("approvals.review-requested", Version = 2)]
public sealed record ReviewRequested(Guid PostId, int Revision, Guid ApprovalId, DateTimeOffset RequestedAt);

/// <summary>From before revisions: handled as <see cref="ReviewRequested"/> for revision 1.</summary>
[MessageIdentity("approvals.review-requested", Version = 1)]
public sealed record ReviewRequestedV1(Guid PostId, Guid ApprovalId, DateTimeOffset RequestedAt) : IForwardsTo<ReviewRequested>
{
    public ReviewRequested Transform() => new(PostId, 1, ApprovalId, RequestedAt);
}
