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

    /// <summary>
    /// The revision these fields hold: 1 as first submitted, one more for each edit. Once the post is published, the
    /// published one; an edit then waits in <see cref="Pending"/>.
    /// </summary>
    public int Revision { get; private set; }

    /// <summary>The author's display name at the time of writing.</summary>
    public string Author { get; private set; }

    /// <summary>The account that wrote the post; only it (and reviewers) may see the post before it is published.</summary>
    public Guid AuthorId { get; private set; }

    public PostStatus Status { get; private set; }

    /// <summary>
    /// PostgreSQL's xmin: an edit and a decision (or an acknowledgement) that read the same row cannot both commit; the
    /// loser is retried (a message handler) or answered 409 (a request), and then sees the other's change.
    /// </summary>
    public uint Version { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? RejectionReason { get; private set; }

    /// <summary>When Approvals confirmed it has the latest revision's submission; until then it is re-announced.</summary>
    public DateTimeOffset? AcknowledgedAt { get; private set; }

    /// <summary>
    /// The approval request Approvals named for <see cref="LatestRevision"/> when it acknowledged it (<see cref="ReviewRequested"/>);
    /// null until then, and for revisions acknowledged before request ids were kept. A decision on the latest revision
    /// is applied only if it names this request (<c>TrustReviewDecision</c>).
    /// </summary>
    public Guid? ReviewRequestId { get; private set; }

    /// <summary>
    /// When the submission is re-announced unless Approvals has acknowledged it by then; null once it has (or the
    /// re-announcements gave up). Blogging's sweep looks for posts past this time (<c>ReannounceUnacknowledgedSubmissions</c>).
    /// </summary>
    public DateTimeOffset? ReannounceAt { get; private set; }

    /// <summary>How many times the submission was re-announced after the first announcement.</summary>
    public int Reannouncements { get; private set; }

    /// <summary>
    /// In the order the steps happened, per revision, whatever order their messages arrived in (ADR 0027).
    /// </summary>
    public IReadOnlyList<TimelineEntry> Timeline => [.. _timeline.OrderBy(e => e.Revision).ThenBy(e => e.At).ThenBy(e => e.Step)];

    /// <summary>
    /// The revision the author last submitted: a pending one while an edit of the published post awaits review,
    /// otherwise <see cref="Revision"/>. Requests name it in If-Match; decisions for any other revision change nothing.
    /// </summary>
    public int LatestRevision => Pending?.Revision ?? Revision;

    /// <summary>An edit of the published post that is in review or was rejected; null when there is none.</summary>
    public PendingRevision? Pending { get; private set; }

    /// <summary>Whether the latest revision awaits a reviewer's decision.</summary>
    public bool AwaitsDecision => Pending is null ? Status == PostStatus.Submitted : Pending.Status == PostStatus.Submitted;

    /// <summary>Whether a reviewer has started on the latest revision (and not decided yet): then it cannot be edited.</summary>
    public bool IsInReview => AwaitsDecision && _timeline.Any(e => e.Step == TimelineStep.InReview && e.Revision == LatestRevision);

    /// <summary>A new unpublished post, to be re-announced after <paramref name="reannounceAfter"/> unless acknowledged.</summary>
    public static Post Submit(Guid authorId, string author, PostText text, DateTimeOffset now, TimeSpan reannounceAfter)
    {
        // Not in the constructor: EF Core uses it to load posts, and loads the timeline itself.
        var post = new Post(
            Guid.CreateVersion7(now), authorId, text.Title, text.Summary, text.Category.Slug, text.Content, text.ContentHtml, author.Trim(), now)
        {
            Category = text.Category,
            ReannounceAt = now + reannounceAfter,
        };
        post._timeline.Add(new TimelineEntry(TimelineStep.Submitted, now));
        return post;
    }

    /// <summary>
    /// The author's edit, as revision <see cref="LatestRevision"/> + 1, to be reviewed (and re-announced after
    /// <paramref name="reannounceAfter"/> until acknowledged). Before the post is published the edit replaces its text;
    /// after, it waits beside the published text as <see cref="Pending"/>. Null when the post may be edited; otherwise
    /// why not (a reviewer is on the latest revision).
    /// </summary>
    public string? Revise(PostText text, DateTimeOffset now, TimeSpan reannounceAfter)
    {
        if (IsInReview)
        {
            return $"A reviewer is reviewing revision {LatestRevision}; it can be edited again once it is decided.";
        }

        var revision = LatestRevision + 1;
        if (Status == PostStatus.Published)
        {
            Pending = PendingRevision.Of(revision, text, now);
        }
        else
        {
            Title = text.Title;
            Summary = text.Summary;
            CategorySlug = text.Category.Slug;
            Category = text.Category;
            Content = text.Content;
            ContentHtml = text.ContentHtml;
            Revision = revision;
            Status = PostStatus.Submitted;
            RejectionReason = null;
            DecidedAt = null;
        }

        // The new revision is a new submission: announced, and re-announced until Approvals acknowledges it.
        AcknowledgedAt = null;
        ReviewRequestId = null;
        ReannounceAt = now + reannounceAfter;
        Reannouncements = 0;
        _timeline.Add(new TimelineEntry(TimelineStep.Revised, now, Revision: revision));
        return null;
    }

    public bool IsVisibleTo(Guid? userId, bool isReviewer) =>
        Status == PostStatus.Published || isReviewer || (userId is { } id && id == AuthorId);

    /// <summary>
    /// Approvals has request <paramref name="approvalId"/> for <paramref name="revision"/>: "received for review" on that
    /// revision's timeline, once; for the latest revision no more re-announcing, and only a decision naming that request
    /// will be applied. Messages about one post may arrive out of order (ADR 0027), so an acknowledgement that comes
    /// after the decision, or after a newer revision, still records its step. A repeated one, or one naming another
    /// request for an acknowledged revision (Approvals keeps one request per revision, so never a genuine one), changes nothing.
    /// </summary>
    public bool Acknowledge(int revision, Guid approvalId, DateTimeOffset requestedAt)
    {
        var recorded = RecordStep(TimelineStep.ReceivedForReview, revision, requestedAt);
        if (revision != LatestRevision || AcknowledgedAt is not null)
        {
            return recorded;
        }

        AcknowledgedAt = requestedAt;
        ReviewRequestId = approvalId;
        ReannounceAt = null;
        return true;
    }

    /// <summary>
    /// Still unacknowledged at <see cref="ReannounceAt"/>: true when the submission should be re-announced now
    /// (and again after <paramref name="after"/>), false when it was re-announced <paramref name="maxReannouncements"/>
    /// times already and the post stops being re-announced.
    /// </summary>
    public bool Reannounce(DateTimeOffset now, TimeSpan after, int maxReannouncements)
    {
        if (AcknowledgedAt is not null || !AwaitsDecision || Reannouncements >= maxReannouncements)
        {
            ReannounceAt = null;
            return false;
        }

        Reannouncements++;
        ReannounceAt = now + after;
        return true;
    }

    /// <summary>
    /// A reviewer started on <paramref name="revision"/>: "in review" on that revision's timeline, once. A start that
    /// arrives after its decision (ADR 0027) is still recorded; it cannot make a decided revision "in review" again,
    /// because <see cref="IsInReview"/> also needs the revision to await its decision.
    /// </summary>
    public bool MarkInReview(int revision, DateTimeOffset startedAt) => RecordStep(TimelineStep.InReview, revision, startedAt);

    /// <summary>Adds a step Approvals reported for a revision this post has had, unless it is recorded already.</summary>
    private bool RecordStep(TimelineStep step, int revision, DateTimeOffset at)
    {
        if (revision < 1 || revision > LatestRevision || _timeline.Any(e => e.Step == step && e.Revision == revision))
        {
            return false;
        }

        _timeline.Add(new TimelineEntry(step, at, Revision: revision));
        return true;
    }

    /// <summary>
    /// Applies the reviewer's decision on <paramref name="revision"/> once. A redelivered or late decision, or one for a
    /// revision that a newer one replaced, changes nothing. Approving a pending revision makes it the published text.
    /// </summary>
    public bool ApplyDecision(int revision, ReviewOutcome outcome, string? reason, DateTimeOffset decidedAt)
    {
        if (revision != LatestRevision || !AwaitsDecision)
        {
            return false;
        }

        // Only a decision on the acknowledged request gets here (TrustReviewDecision), so Approvals has the submission.
        ReannounceAt = null;
        DecidedAt = decidedAt;
        if (Pending is { } pending)
        {
            if (outcome == ReviewOutcome.Approved)
            {
                Title = pending.Title;
                Summary = pending.Summary;
                CategorySlug = pending.CategorySlug;
                Category = pending.Category;
                Content = pending.Content;
                ContentHtml = pending.ContentHtml;
                Revision = pending.Revision;
                Pending = null;
            }
            else
            {
                pending.Reject(reason);
            }
        }
        else if (outcome == ReviewOutcome.Approved)
        {
            Status = PostStatus.Published;
            PublishedAt = decidedAt;
        }
        else
        {
            Status = PostStatus.Rejected;
            RejectionReason = reason;
        }

        _timeline.Add(outcome == ReviewOutcome.Approved
            ? new TimelineEntry(TimelineStep.Approved, decidedAt, Revision: revision)
            : new TimelineEntry(TimelineStep.Rejected, decidedAt, reason, revision));
        return true;
    }
}

/// <summary>The limit on a summary an author writes; derived ones are shorter (<see cref="PostMarkdown.SummaryLength"/>).</summary>
public static class PostSummary
{
    public const int Max = 300;
}
