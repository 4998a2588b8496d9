using Wolverine.Attributes;

namespace BlogModular.Approvals.Contracts;

/// <summary>A reviewer approved or rejected a post. Travels on <see cref="ApprovalsTopics.BlogApproval"/>.</summary>
[MessageIdentity("approvals.review-decided", Version = 1)]
public sealed record ReviewDecided(Guid PostId, Guid ApprovalId, ReviewOutcome Outcome, string? Reason, DateTimeOffset DecidedAt);
