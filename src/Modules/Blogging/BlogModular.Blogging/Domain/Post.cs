using BlogModular.Approvals.Contracts;

namespace BlogModular.Blogging.Domain;

/// <summary>A blog post. Saved unpublished; only an approval decision publishes it.</summary>
public sealed class Post
{
    private Post(Guid id, Guid authorId, string title, string summary, string categorySlug, string content, string contentHtml, string author, DateTimeOffset createdAt)
    {
        Id = id;
        AuthorId = authorId;
        Title = title;
        Summary = summary;
        CategorySlug = categorySlug;
        Content = content;
        ContentHtml = contentHtml;
        Revision = 1;
        Author = author;
        CreatedAt = createdAt;
        Status = PostStatus.Submitted;
    }

    private readonly List<TimelineEntry> _timeline = [];

    public Guid Id { get; private set; }

    public string Title { get; private set; }

    /// <summary>The author's summary, or the start of the text when they gave none (plain text).</summary>
    public string Summary { get; private set; }

    public string CategorySlug { get; private set; }

    /// <summary>Loaded with every post (an auto-include), for its name.</summary>
    public Category Category { get; private set; } = null!;

    /// <summary>The Markdown as the author wrote it.</summary>
    public string Content { get; private set; }

    /// <summary>The content rendered and sanitized once, when it was written (<see cref="PostMarkdown"/>).</summary>
    public string ContentHtml { get; private set; }

    /// <summary>1 for the content as first submitted.</summary>
    public int Revision { get; private set; }

    /// <summary>The author's display name at the time of writing.</summary>
    public string Author { get; private set; }

    /// <summary>The account that wrote the post; only it (and reviewers) may see the post before it is published.</summary>
    public Guid AuthorId { get; private set; }

    public PostStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? RejectionReason { get; private set; }

    /// <summary>When Approvals confirmed it has the submission; until then the post is re-announced.</summary>
    public DateTimeOffset? AcknowledgedAt { get; private set; }

    /// <summary>
    /// When the submission is re-announced unless Approvals has acknowledged it by then; null once it has (or the
    /// re-announcements gave up). Blogging's sweep looks for posts past this time (<c>ReannounceUnacknowledgedSubmissions</c>).
    /// </summary>
    public DateTimeOffset? ReannounceAt { get; private set; }

    /// <summary>How many times the submission was re-announced after the first announcement.</summary>
    public int Reannouncements { get; private set; }

    /// <summary>
    /// In the order the steps happened. Acknowledgements are handled in batches apart from the other review events,
    /// so "received for review" may be recorded after "in review" when a reviewer is very quick.
    /// </summary>
    public IReadOnlyList<TimelineEntry> Timeline => [.. _timeline.OrderBy(e => e.At).ThenBy(e => e.Step)];

    /// <summary>A new unpublished post, to be re-announced after <paramref name="reannounceAfter"/> unless acknowledged.</summary>
    /// <param name="summary">The author's summary; blank for the start of <paramref name="rendered"/>'s text.</param>
    public static Post Submit(
        Guid authorId, string author, string title, string? summary, Category category, string content, RenderedContent rendered,
        DateTimeOffset now, TimeSpan reannounceAfter)
    {
        // Not in the constructor: EF Core uses it to load posts, and loads the timeline itself.
        var post = new Post(
            Guid.CreateVersion7(now), authorId, title.Trim(),
            string.IsNullOrWhiteSpace(summary) ? PostMarkdown.Summarize(rendered.PlainText) : summary.Trim(),
            category.Slug, content, rendered.Html, author.Trim(), now)
        {
            Category = category,
            ReannounceAt = now + reannounceAfter,
        };
        post._timeline.Add(new TimelineEntry(TimelineStep.Submitted, now));
        return post;
    }

    public bool IsVisibleTo(Guid? userId, bool isReviewer) =>
        Status == PostStatus.Published || isReviewer || (userId is { } id && id == AuthorId);

    /// <summary>Approvals has the request: the submission needs no re-announcing. Repeated acknowledgements change nothing.</summary>
    public bool Acknowledge(DateTimeOffset requestedAt)
    {
        if (AcknowledgedAt is not null)
        {
            return false;
        }

        AcknowledgedAt = requestedAt;
        ReannounceAt = null;
        _timeline.Add(new TimelineEntry(TimelineStep.ReceivedForReview, requestedAt));
        return true;
    }

    /// <summary>
    /// Still unacknowledged at <see cref="ReannounceAt"/>: true when the submission should be re-announced now
    /// (and again after <paramref name="after"/>), false when it was re-announced <paramref name="maxReannouncements"/>
    /// times already and the post stops being re-announced.
    /// </summary>
    public bool Reannounce(DateTimeOffset now, TimeSpan after, int maxReannouncements)
    {
        if (AcknowledgedAt is not null || Status != PostStatus.Submitted || Reannouncements >= maxReannouncements)
        {
            ReannounceAt = null;
            return false;
        }

        Reannouncements++;
        ReannounceAt = now + after;
        return true;
    }

    public bool MarkInReview(DateTimeOffset startedAt)
    {
        if (_timeline.Any(e => e.Step == TimelineStep.InReview))
        {
            return false;
        }

        _timeline.Add(new TimelineEntry(TimelineStep.InReview, startedAt));
        return true;
    }

    /// <summary>Applies the reviewer's decision once; a redelivered or late decision changes nothing.</summary>
    public bool ApplyDecision(ReviewOutcome outcome, string? reason, DateTimeOffset decidedAt)
    {
        if (Status != PostStatus.Submitted)
        {
            return false;
        }

        DecidedAt = decidedAt;
        // A decision means Approvals has the submission, even if its acknowledgement has not arrived (yet).
        ReannounceAt = null;
        if (outcome == ReviewOutcome.Approved)
        {
            Status = PostStatus.Published;
            PublishedAt = decidedAt;
            _timeline.Add(new TimelineEntry(TimelineStep.Approved, decidedAt));
        }
        else
        {
            Status = PostStatus.Rejected;
            RejectionReason = reason;
            _timeline.Add(new TimelineEntry(TimelineStep.Rejected, decidedAt, reason));
        }

        return true;
    }
}

/// <summary>The limit on a summary an author writes; derived ones are shorter (<see cref="PostMarkdown.SummaryLength"/>).</summary>
public static class PostSummary
{
    public const int Max = 300;
}
