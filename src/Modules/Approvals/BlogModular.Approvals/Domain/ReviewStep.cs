using System.Text.Json.Serialization;
using BlogModular.Approvals.Contracts;
using BlogModular.BuildingBlocks.Security;

namespace BlogModular.Approvals.Domain;

/// <summary>What happened to an approval request, in the order it happened (its timeline).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReviewStepKind>))]
public enum ReviewStepKind
{
    Requested = 1,
    Started = 2,
    TakenOver = 3,
    ReminderSent = 4,
    Decided = 5,

    /// <summary>A newer revision of the post was submitted before this one was decided: the request closed unreviewed.</summary>
    Superseded = 6,
}

/// <summary>
/// One step of a request's timeline, stored beside it (<c>approvals.review_steps</c>) and never changed.
/// <see cref="ReviewerId"/>/<see cref="ReviewerName"/> name the reviewer it is about: who started, took over or
/// decided, or who was reminded; <see cref="PreviousReviewerName"/> whom a takeover took the review from.
/// </summary>
public sealed class ReviewStep
{
    private ReviewStep()
    {
    }

    /// <summary>1, 2, 3… within its request: the timeline's order, even for steps in the same microsecond.</summary>
    public int Sequence { get; private set; }

    public ReviewStepKind Kind { get; private set; }

    public DateTimeOffset At { get; private set; }

    public Guid? ReviewerId { get; private set; }

    public string? ReviewerName { get; private set; }

    public Guid? PreviousReviewerId { get; private set; }

    public string? PreviousReviewerName { get; private set; }

    public ReviewOutcome? Outcome { get; private set; }

    internal static ReviewStep Of(
        int sequence, ReviewStepKind kind, DateTimeOffset at, Actor? reviewer = null, Actor? previous = null, ReviewOutcome? outcome = null) => new()
    {
        Sequence = sequence,
        Kind = kind,
        At = at,
        ReviewerId = reviewer?.Id,
        ReviewerName = reviewer?.Name,
        PreviousReviewerId = previous?.Id,
        PreviousReviewerName = previous?.Name,
        Outcome = outcome,
    };
}
