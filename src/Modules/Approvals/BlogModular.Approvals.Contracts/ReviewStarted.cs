using Wolverine;
using Wolverine.Attributes;

namespace BlogModular.Approvals.Contracts;

/// <summary>A reviewer started reviewing the post's revision. Travels on <see cref="ApprovalsTopics.BlogApproval"/>.</summary>
[MessageIdentity("approvals.review-started", Version = 2)]
public sealed record ReviewStarted(Guid PostId, int Revision, Guid ApprovalId, DateTimeOffset StartedAt);

/// <summary>From before revisions: handled as <see cref="ReviewStarted"/> for revision 1.</summary>
[MessageIdentity("approvals.review-started", Version = 1)]
public sealed record ReviewStartedV1(Guid PostId, Guid ApprovalId, DateTimeOffset StartedAt) : IForwardsTo<ReviewStarted>
{
    public ReviewStarted Transform() => new(PostId, 1, ApprovalId, StartedAt);
}
