using BlogModular.Approvals.Contracts;

namespace BlogModular.Blogging.Domain;

/// <summary>A blog post. Saved unpublished; only an approval decision publishes it.</summary>
public sealed class Post
{
    private Post(Guid id, string title, string content, string author, DateTimeOffset createdAt)
    {
        Id = id;
        Title = title;
        Content = content;
        Author = author;
        CreatedAt = createdAt;
        Status = PostStatus.Submitted;
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; }

    public string Content { get; private set; }

    public string Author { get; private set; }

    public PostStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? RejectionReason { get; private set; }

    public static Post Submit(string title, string content, string author, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), title.Trim(), content, author.Trim(), now);

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
