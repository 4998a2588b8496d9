using BlogModular.Approvals.Contracts;
using BlogModular.Blogging.Domain;
using Microsoft.Extensions.Options;

namespace BlogModular.Blogging.Features.Reviews;

/// <summary>
/// Whether Blogging believes a <see cref="ReviewDecided"/> before applying it. The broker's ACLs already let only
/// Approvals write to its topic; this is the second line (ADR 0023): a decision on the post's latest revision must name
/// the request Approvals acknowledged for that revision, and may not be dated in the future.
/// </summary>
public static class TrustReviewDecision
{
    public static DecisionTrust Check(Post post, ReviewDecided decision, DateTimeOffset now, TimeSpan maxClockSkew)
    {
        if (decision.DecidedAt > now + maxClockSkew)
        {
            return DecisionTrust.Refused(
                $"it is dated {decision.DecidedAt:O}, more than {maxClockSkew} after this process's clock ({now:O})");
        }

        if (decision.Revision > post.LatestRevision)
        {
            return DecisionTrust.Refused($"it names revision {decision.Revision}; the post's latest is {post.LatestRevision}");
        }

        // An older revision's decision, or one already applied, changes nothing (the handler says so): nothing to trust.
        if (decision.Revision < post.LatestRevision || !post.AwaitsDecision)
        {
            return DecisionTrust.Trusted;
        }

        return post.ReviewRequestId switch
        {
            { } known when known == decision.ApprovalId => DecisionTrust.Trusted,
            { } known => DecisionTrust.Refused(
                $"it names request {decision.ApprovalId}, but Approvals acknowledged revision {decision.Revision} as request {known}"),
            // Acknowledged before request ids were kept: nothing to compare with.
            null when post.AcknowledgedAt is not null => DecisionTrust.Trusted,
            // The acknowledgement travels separately (handled in batches) and may come second: wait for it.
            null => DecisionTrust.NotYetKnown,
        };
    }
}

/// <summary>The verdict on a decision: trusted, refused (with why), or not yet known (its request's acknowledgement is still on its way).</summary>
public sealed record DecisionTrust(bool IsTrusted, bool IsKnown, string? Reason)
{
    public static readonly DecisionTrust Trusted = new(true, true, null);

    public static readonly DecisionTrust NotYetKnown = new(false, false, "Approvals' acknowledgement of the revision has not arrived yet");

    public static DecisionTrust Refused(string reason) => new(false, true, reason);
}

/// <summary>Blogging refuses a decision: dead-lettered at once, so operators see it, and the post is unchanged.</summary>
public sealed class UntrustedReviewDecisionException(ReviewDecided decision, string reason)
    : Exception($"Review decision {decision.ApprovalId} on revision {decision.Revision} of post {decision.PostId} refused: {reason}.");

/// <summary>
/// A decision on a revision whose acknowledgement (the request's id) has not arrived yet: retried later
/// (<see cref="ReviewDecisionSettings.RetryDelays"/>), then dead-lettered.
/// </summary>
public sealed class ReviewRequestNotYetKnownException(ReviewDecided decision)
    : Exception($"Review decision {decision.ApprovalId} on revision {decision.Revision} of post {decision.PostId} waits: Approvals' " +
                "acknowledgement of that revision, which names its request, has not arrived yet.");

/// <summary><c>Blogging:Decisions</c>: how far a decision's time may run ahead of this process's clock.</summary>
public sealed class ReviewDecisionSettings
{
    public const string Section = "Blogging:Decisions";

    /// <summary>A decision dated further in the future than this is refused: clocks differ by less between honest processes.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a decision waits for its revision's acknowledgement, in retries, before it is dead-lettered: about 4
    /// minutes in all. The steps grow slowly, so a decision is applied soon after a late acknowledgement: at most about as
    /// long after it as the decision had already waited, not minutes after.
    /// </summary>
    public static readonly TimeSpan[] RetryDelays = [.. new[] { 1, 2, 5, 10, 20, 30, 60, 120 }.Select(seconds => TimeSpan.FromSeconds(seconds))];

    internal sealed class Rule : IValidateOptions<ReviewDecisionSettings>
    {
        public ValidateOptionsResult Validate(string? name, ReviewDecisionSettings options) =>
            options.MaxClockSkew < TimeSpan.Zero
                ? ValidateOptionsResult.Fail($"Blogging:Decisions:MaxClockSkew must not be negative (it is {options.MaxClockSkew}).")
                : ValidateOptionsResult.Success;
    }
}
