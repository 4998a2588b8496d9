using Wolverine.Attributes;

namespace BlogModular.Approvals.Contracts;

/// <summary>A reviewer started reviewing the post. Travels on <see cref="ApprovalsTopics.BlogApproval"/>.</summary>
[MessageIdentity("approvals.review-started", Version = 1)]
public sealed record ReviewStarted(Guid PostId, Guid ApprovalId, DateTimeOffset StartedAt);
