using Wolverine.Attributes;

namespace BlogModular.Approvals.Contracts;

/// <summary>
/// Approvals has an approval request for the post (re-sent when a submission is re-announced). It
/// acknowledges the submission. Travels on <see cref="ApprovalsTopics.BlogApproval"/>.
/// </summary>
[MessageIdentity("approvals.review-requested", Version = 1)]
public sealed record ReviewRequested(Guid PostId, Guid ApprovalId, DateTimeOffset RequestedAt);
