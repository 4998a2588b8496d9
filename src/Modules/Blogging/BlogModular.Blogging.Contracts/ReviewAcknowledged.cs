using System.Text.Json.Serialization;
using Wolverine.Attributes;

namespace BlogModular.Blogging.Contracts;

/// <summary>
/// Blogging's answer to a review message from Approvals that Approvals needs confirmed: a decision (applied, or changing
/// nothing because it is late, repeated or for an older revision), or any review message naming a post Blogging does
/// not know. Until a decision is acknowledged Approvals sends it again. Travels on
/// <see cref="BloggingTopics.BlogCreation"/>, keyed by post id, in the same transaction as the post's change.
/// </summary>
[MessageIdentity("blogging.review-acknowledged", Version = 1)]
public sealed record ReviewAcknowledged(Guid PostId, int Revision, Guid ApprovalId, ReviewReceipt Receipt, DateTimeOffset AcknowledgedAt);

/// <summary>What Blogging did with the review message. Serialized by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReviewReceipt>))]
public enum ReviewReceipt
{
    /// <summary>The decision changed the post.</summary>
    DecisionApplied = 1,

    /// <summary>The decision changed nothing: already applied, or for a revision that is not the post's latest.</summary>
    DecisionNotApplied = 2,

    /// <summary>Blogging has no post with this id: the request is orphaned.</summary>
    UnknownPost = 3,
}
