using BlogModular.Approvals.Contracts;
using BlogModular.Blogging.Contracts;
using BlogModular.BuildingBlocks.Security;

namespace BlogModular.Approvals.Domain;

/// <summary>
/// A revision of a post awaiting editorial review. The review steps happen in one order only:
/// To Do → (start) → In Progress → (decide) → Done, with Approved or Rejected. A newer revision of the post
/// supersedes a request that is not done yet. Starting assigns the review to that reviewer; only the assignee decides,
/// and another reviewer may take it over. Every step is kept in <see cref="Timeline"/>.
/// </summary>
public sealed class ApprovalRequest
{
    private readonly List<ReviewStep> _timeline = [];

    private ApprovalRequest(Guid id, Guid postId, int revision, Guid authorId, string title, string content, string author, DateTimeOffset requestedAt)
    {
        Id = id;
        PostId = postId;
        Revision = revision;
        AuthorId = authorId;
        Title = title;
        Content = content;
        Author = author;
        RequestedAt = requestedAt;
        UpdatedAt = requestedAt;
        Progress = ReviewProgress.ToDo;
    }

    public Guid Id { get; private set; }

    /// <summary>With <see cref="Revision"/>, unique: one request per revision, however often its submission is delivered.</summary>
    public Guid PostId { get; private set; }

    /// <summary>The post's revision under review: 1 as first written, one more for each edit.</summary>
    public int Revision { get; private set; }

    /// <summary>
    /// The author's account; empty for a submission from before authors were sent along (version 1 of the contract),
    /// which no reviewer can then be recognised as the author of (ADR 0022).
    /// </summary>
    public Guid AuthorId { get; private set; }

    public string Title { get; private set; }

    public string Content { get; private set; }

    public string Author { get; private set; }

    public ReviewProgress Progress { get; private set; }

    /// <summary>The outcome; null until the review is done.</summary>
    public ReviewOutcome? Outcome { get; private set; }

    public string? Reason { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>PostgreSQL's xmin: two reviewers acting at once cannot both win.</summary>
    public uint Version { get; private set; }

    /// <summary>The reviewer the review is assigned to (who started it or last took it over); null until it starts.</summary>
    public Guid? AssigneeId { get; private set; }

    public string? AssigneeName { get; private set; }

    /// <summary>When the current assignee got the review, to the microsecond (as PostgreSQL keeps it): a reminder names it.</summary>
    public DateTimeOffset? AssignedAt { get; private set; }

    /// <summary>
    /// When the assignee is e-mailed a reminder unless the review has moved on by then; null when nobody is to be
    /// reminded. Approvals' sweep looks for requests past this time (<c>RemindReviewers</c>, ADR 0019).
    /// </summary>
    public DateTimeOffset? RemindAt { get; private set; }

    /// <summary>
    /// When the decision was last sent to Blogging (decided, or sent again); null before the decision and once
    /// Blogging acknowledged it, the post proved unknown, or re-sending gave up. Approvals' sweep sends decisions
    /// again that stay unacknowledged (<c>ResendUnacknowledgedDecisions</c>).
    /// </summary>
    public DateTimeOffset? DecisionSentAt { get; private set; }

    /// <summary>How many times the decision was sent again after the first time.</summary>
    public int DecisionResends { get; private set; }

    /// <summary>When Blogging confirmed it received the decision (applied or not); null until then.</summary>
    public DateTimeOffset? DecisionAcknowledgedAt { get; private set; }

    /// <summary>
    /// When Blogging answered that it has no post with this id: the request is orphaned, flagged for an operator, and
    /// nothing about it is sent again.
    /// </summary>
    public DateTimeOffset? OrphanedAt { get; private set; }

    /// <summary>Every step so far, oldest first.</summary>
    public IReadOnlyList<ReviewStep> Timeline => _timeline;

    public Actor? Assignee => AssigneeId is { } id ? new Actor(id, AssigneeName ?? "") : null;

    public bool CanStart => Progress == ReviewProgress.ToDo;

    public bool CanDecide => Progress == ReviewProgress.InProgress;

    public bool CanTakeOver => Progress == ReviewProgress.InProgress;

    /// <summary>A newer revision of the post arrived: an open request is closed; a decided one stays as it was.</summary>
    public bool Supersede(DateTimeOffset now)
    {
        if (Progress is ReviewProgress.Done or ReviewProgress.Superseded)
        {
            return false;
        }

        Progress = ReviewProgress.Superseded;
        UpdatedAt = now;
        RemindAt = null;
        Record(ReviewStepKind.Superseded, now);
        return true;
    }

    /// <summary>
    /// Only the assignee decides. A review started before reviews were assigned has no assignee, and any reviewer may
    /// decide it.
    /// </summary>
    public bool IsAssignedToSomeoneOtherThan(Guid reviewerId) => AssigneeId is { } assignee && assignee != reviewerId;

    /// <summary>Separation of duties: a reviewer never starts, takes over or decides a review of their own post.</summary>
    public bool IsWrittenBy(Guid userId) => AuthorId != Guid.Empty && AuthorId == userId;

    /// <summary>A request still To Do after <paramref name="overdueAfter"/> is overdue; computed on read, nothing stored.</summary>
    public bool IsOverdue(DateTimeOffset now, TimeSpan overdueAfter) => Progress == ReviewProgress.ToDo && now - RequestedAt > overdueAfter;

    public static ApprovalRequest Receive(PostSubmitted submitted, DateTimeOffset now)
    {
        // Not in the constructor: EF Core materializes through it and then loads the stored timeline.
        var request = new ApprovalRequest(
            Guid.CreateVersion7(now), submitted.PostId, submitted.Revision, submitted.AuthorId, submitted.Title, submitted.Content, submitted.Author, now);
        request.Record(ReviewStepKind.Requested, now);
        return request;
    }

    /// <param name="remindAfter">How long the reviewer may keep the review In Progress before they are reminded.</param>
    public ReviewStarted Start(Actor reviewer, DateTimeOffset now, TimeSpan remindAfter)
    {
        if (!CanStart)
        {
            throw new InvalidOperationException($"A review can only start from {ReviewProgress.ToDo}; this one is {Progress}.");
        }

        Progress = ReviewProgress.InProgress;
        UpdatedAt = now;
        AssignTo(reviewer, now, remindAfter);
        Record(ReviewStepKind.Started, now, reviewer);
        return new ReviewStarted(PostId, Revision, Id, now);
    }

    /// <summary>
    /// Reassigns an In Progress review to <paramref name="reviewer"/>, to be reminded after <paramref name="remindAfter"/>;
    /// false, and nothing changes, when it is already theirs.
    /// </summary>
    public bool TakeOver(Actor reviewer, DateTimeOffset now, TimeSpan remindAfter)
    {
        if (!CanTakeOver)
        {
            throw new InvalidOperationException($"Only a review {ReviewProgress.InProgress} can be taken over; this one is {Progress}.");
        }

        if (AssigneeId == reviewer.Id)
        {
            return false;
        }

        var previous = Assignee;
        UpdatedAt = now;
        AssignTo(reviewer, now, remindAfter);
        Record(ReviewStepKind.TakenOver, now, reviewer, previous);
        return true;
    }

    /// <summary>
    /// The reminder is due: records "reminder sent" to the assignee, once per assignment, and clears <see cref="RemindAt"/>;
    /// false, and no reminder, when the review has moved on (decided, superseded).
    /// </summary>
    public bool Remind(DateTimeOffset now)
    {
        RemindAt = null;
        if (Progress != ReviewProgress.InProgress || AssigneeId is not { } assignee
            || _timeline.Any(s => s.Kind == ReviewStepKind.ReminderSent && s.ReviewerId == assignee && s.At >= AssignedAt))
        {
            return false;
        }

        Record(ReviewStepKind.ReminderSent, now, Assignee);
        return true;
    }

    public ReviewDecided Decide(Actor reviewer, ReviewOutcome outcome, string? reason, DateTimeOffset now)
    {
        if (!CanDecide)
        {
            throw new InvalidOperationException($"A review can only be decided {ReviewProgress.InProgress}; this one is {Progress}.");
        }

        if (IsAssignedToSomeoneOtherThan(reviewer.Id))
        {
            throw new InvalidOperationException($"This review is assigned to {AssigneeName}; only they can decide it.");
        }

        if (!Enum.IsDefined(outcome))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown outcome.");
        }

        Progress = ReviewProgress.Done;
        RemindAt = null;
        Outcome = outcome;
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        UpdatedAt = now;
        Record(ReviewStepKind.Decided, now, reviewer, outcome: outcome);
        DecisionSentAt = now;
        return new ReviewDecided(PostId, Revision, Id, outcome, Reason, now);
    }

    /// <summary>The decision as it was sent, to send it again; null until decided.</summary>
    public ReviewDecided? Decision => Progress == ReviewProgress.Done && Outcome is { } outcome
        ? new ReviewDecided(PostId, Revision, Id, outcome, Reason, _timeline.Last(s => s.Kind == ReviewStepKind.Decided).At)
        : null;

    /// <summary>
    /// The decision is still unacknowledged: true when it should be sent again now (counted, and the wait starts
    /// over), false — and it is no longer due — when it needs no re-sending or was sent again
    /// <paramref name="maxResends"/> times already.
    /// </summary>
    public bool ResendDecision(DateTimeOffset now, int maxResends)
    {
        if (Decision is null || DecisionAcknowledgedAt is not null || OrphanedAt is not null || DecisionResends >= maxResends)
        {
            DecisionSentAt = null;
            return false;
        }

        DecisionResends++;
        DecisionSentAt = now;
        return true;
    }

    /// <summary>Blogging has the decision (whatever it did with it): it is not sent again. Repeats change nothing.</summary>
    public bool AcknowledgeDecision(DateTimeOffset at)
    {
        if (DecisionAcknowledgedAt is not null)
        {
            return false;
        }

        DecisionAcknowledgedAt = at;
        DecisionSentAt = null;
        return true;
    }

    /// <summary>Blogging knows no post with this id: flagged as orphaned, and nothing about it is sent again.</summary>
    public bool Orphan(DateTimeOffset at)
    {
        if (OrphanedAt is not null)
        {
            return false;
        }

        OrphanedAt = at;
        DecisionSentAt = null;
        return true;
    }

    private void AssignTo(Actor reviewer, DateTimeOffset now, TimeSpan remindAfter)
    {
        AssigneeId = reviewer.Id;
        AssigneeName = reviewer.Name;
        // timestamptz keeps microseconds: the time a reminder names must equal the one read back.
        AssignedAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
        RemindAt = AssignedAt + remindAfter;
    }

    private void Record(ReviewStepKind kind, DateTimeOffset at, Actor? reviewer = null, Actor? previous = null, ReviewOutcome? outcome = null) =>
        _timeline.Add(ReviewStep.Of(_timeline.Count + 1, kind, at, reviewer, previous, outcome));
}
