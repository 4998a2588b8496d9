using BlogModular.Approvals.Contracts;

namespace BlogModular.Blogging.Domain;

/// <summary>A blog post. Saved unpublished; only an approval decision publishes it.</summary>
public sealed class Post
{
    private Post(Guid id, Guid authorId, string title, string content, string author, DateTimeOffset createdAt)
    {
        Id = id;
        AuthorId = authorId;
        Title = title;
        Content = content;
        Author = author;
        CreatedAt = createdAt;
        Status = PostStatus.Submitted;
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; }

    public string Content { get; private set; }

    /// <summary>The author's display name at the time of writing.</summary>
    public string Author { get; private set; }

    /// <summary>The account that wrote the post; only it (and reviewers) may see the post before it is published.</summary>
    public Guid AuthorId { get; private set; }

    public PostStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? RejectionReason { get; private set; }

    public static Post Submit(Guid authorId, string author, string title, string content, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), authorId, title.Trim(), content, author.Trim(), now);

    public bool IsVisibleTo(Guid? userId, bool isReviewer) =>
        Status == PostStatus.Published || isReviewer || (userId is { } id && id == AuthorId);

    /// <summary>Applies the reviewer's decision once; a redelivered or late decision changes nothing.</summary>
    public bool ApplyDecision(ReviewOutcome outcome, string? reason, DateTimeOffset decidedAt)
    {
        if (Status != PostStatus.Submitted)
        {
            return false;
        }

        DecidedAt = decidedAt;
        if (outcome == ReviewOutcome.Approved)
        {
            Status = PostStatus.Published;
            PublishedAt = decidedAt;
        }
        else
        {
            Status = PostStatus.Rejected;
            RejectionReason = reason;
        }

        return true;
    }
}
