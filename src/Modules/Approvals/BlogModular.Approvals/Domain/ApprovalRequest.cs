using BlogModular.Approvals.Contracts;
using BlogModular.Blogging.Contracts;

namespace BlogModular.Approvals.Domain;

/// <summary>
/// A revision of a post awaiting editorial review. The review steps happen in one order only:
/// To Do → (start) → In Progress → (decide) → Done, with Approved or Rejected. A newer revision of the post
/// supersedes a request that is not done yet.
/// </summary>
public sealed class ApprovalRequest
{
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

    /// <summary>The author's account; empty for a submission from before authors were sent along.</summary>
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

    public bool CanStart => Progress == ReviewProgress.ToDo;

    public bool CanDecide => Progress == ReviewProgress.InProgress;

    public static ApprovalRequest Receive(PostSubmitted submitted, DateTimeOffset now) => new(
        Guid.CreateVersion7(now), submitted.PostId, submitted.Revision, submitted.AuthorId, submitted.Title, submitted.Content, submitted.Author, now);

    /// <summary>A newer revision of the post arrived: an open request is closed; a decided one stays as it was.</summary>
    public bool Supersede(DateTimeOffset now)
    {
        if (Progress is ReviewProgress.Done or ReviewProgress.Superseded)
        {
            return false;
        }

        Progress = ReviewProgress.Superseded;
        UpdatedAt = now;
        return true;
    }

    public ReviewStarted Start(DateTimeOffset now)
    {
        if (!CanStart)
        {
            throw new InvalidOperationException($"A review can only start from {ReviewProgress.ToDo}; this one is {Progress}.");
        }

        Progress = ReviewProgress.InProgress;
        UpdatedAt = now;
        return new ReviewStarted(PostId, Revision, Id, now);
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
        return new ReviewDecided(PostId, Revision, Id, outcome, Reason, now);
    }
}
