using BlogModular.Approvals.Contracts;

namespace BlogModular.Approvals.Domain;

/// <summary>
/// A post awaiting editorial review. The review steps happen in one order only:
/// To Do → (start) → In Progress → (decide) → Done, with Approved or Rejected.
/// </summary>
public sealed class ApprovalRequest
{
    private ApprovalRequest(Guid id, Guid postId, string title, string content, string author, DateTimeOffset requestedAt)
    {
        Id = id;
        PostId = postId;
        Title = title;
        Content = content;
        Author = author;
        RequestedAt = requestedAt;
        UpdatedAt = requestedAt;
        Progress = ReviewProgress.ToDo;
    }

    public Guid Id { get; private set; }

    /// <summary>Unique: one request per post, however often the submission is delivered.</summary>
    public Guid PostId { get; private set; }

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

    public bool CanStart => Progress == ReviewProgress.ToDo;

    public bool CanDecide => Progress == ReviewProgress.InProgress;

    public static ApprovalRequest Receive(Guid postId, string title, string content, string author, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), postId, title, content, author, now);

    public ReviewStarted Start(DateTimeOffset now)
    {
        if (!CanStart)
        {
            throw new InvalidOperationException($"A review can only start from {ReviewProgress.ToDo}; this one is {Progress}.");
        }

        Progress = ReviewProgress.InProgress;
        UpdatedAt = now;
        return new ReviewStarted(PostId, Id, now);
    }

    public ReviewDecided Decide(ReviewOutcome outcome, string? reason, DateTimeOffset now)
    {
        if (!CanDecide)
        {
            throw new InvalidOperationException($"A review can only be decided {ReviewProgress.InProgress}; this one is {Progress}.");
        }

        if (!Enum.IsDefined(outcome))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown outcome.");
        }

        Progress = ReviewProgress.Done;
        Outcome = outcome;
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        UpdatedAt = now;
        return new ReviewDecided(PostId, Id, outcome, Reason, now);
    }
}
