using BlogModular.Approvals.Contracts;
using BlogModular.Approvals.Domain;
using BlogModular.BuildingBlocks.Security;

namespace BlogModular.Approvals.Features.Requests;

/// <summary>
/// <see cref="Status"/> is the outcome, null until the review is done. <see cref="Assignee"/> is the reviewer who may
/// decide (null until started); <see cref="Overdue"/> is true for a request still To Do after
/// <c>Approvals:Review:OverdueAfter</c>; <see cref="Timeline"/> lists every step, oldest first. <see cref="OwnPost"/> is
/// true when the caller wrote the post: they may read the request but not start, take over or decide it.
/// </summary>
public sealed record ApprovalResponse(
    Guid Id,
    Guid PostId,
    int Revision,
    string Title,
    string Author,
    string Content,
    ReviewProgress Progress,
    ReviewOutcome? Status,
    string? Reason,
    DateTimeOffset RequestedAt,
    DateTimeOffset UpdatedAt,
    Actor? Assignee,
    bool Overdue,
    IReadOnlyList<ReviewTimelineEntry> Timeline,
    bool OwnPost)
{
    /// <param name="overdue">Computed by the reader (<see cref="ApprovalRequest.IsOverdue"/>): it depends on the clock.</param>
    /// <param name="caller">The reader, to tell whether the post is their own.</param>
    public static ApprovalResponse From(ApprovalRequest request, bool overdue = false, Guid? caller = null) => new(
        request.Id, request.PostId, request.Revision, request.Title, request.Author, request.Content,
        request.Progress, request.Outcome, request.Reason, request.RequestedAt, request.UpdatedAt,
        request.Assignee, overdue, request.Timeline.OrderBy(s => s.Sequence).Select(ReviewTimelineEntry.From).ToList(),
        caller is { } id && request.IsWrittenBy(id));
}

/// <summary>
/// One step of a request's timeline. <see cref="Reviewer"/> is who started, took over or decided, or who was reminded;
/// <see cref="PreviousReviewer"/> whom a takeover took it from; <see cref="Text"/> says it in a line.
/// </summary>
public sealed record ReviewTimelineEntry(
    ReviewStepKind Step, DateTimeOffset At, string Text, Actor? Reviewer, Actor? PreviousReviewer, ReviewOutcome? Outcome)
{
    public static ReviewTimelineEntry From(ReviewStep step)
    {
        var reviewer = step.ReviewerId is { } id ? new Actor(id, step.ReviewerName ?? "") : null;
        var previous = step.PreviousReviewerId is { } previousId ? new Actor(previousId, step.PreviousReviewerName ?? "") : null;
        var text = step.Kind switch
        {
            ReviewStepKind.Requested => "Requested",
            ReviewStepKind.Started => $"Started by {reviewer?.Name}",
            ReviewStepKind.TakenOver => $"Taken over by {reviewer?.Name} from {previous?.Name ?? "nobody"}",
            ReviewStepKind.ReminderSent => $"Reminder sent to {reviewer?.Name}",
            ReviewStepKind.Decided => $"{step.Outcome} by {reviewer?.Name}",
            ReviewStepKind.Superseded => "Superseded by a newer revision",
            _ => step.Kind.ToString(),
        };
        return new ReviewTimelineEntry(step.Kind, step.At, text, reviewer, previous, step.Outcome);
    }
}
