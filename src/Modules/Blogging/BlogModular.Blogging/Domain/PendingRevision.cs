namespace BlogModular.Blogging.Domain;

/// <summary>
/// An edit of a published post, in review or rejected. The published text stays live (and alone searchable) until a
/// reviewer approves this revision, which then replaces it.
/// </summary>
public sealed class PendingRevision
{
    private PendingRevision(int revision, string title, string summary, string categorySlug, string content, string contentHtml, DateTimeOffset submittedAt)
    {
        Revision = revision;
        Title = title;
        Summary = summary;
        CategorySlug = categorySlug;
        Content = content;
        ContentHtml = contentHtml;
        SubmittedAt = submittedAt;
        Status = PostStatus.Submitted;
    }

    public int Revision { get; private set; }

    public string Title { get; private set; }

    public string Summary { get; private set; }

    public string CategorySlug { get; private set; }

    /// <summary>Loaded with the post, for its name.</summary>
    public Category Category { get; private set; } = null!;

    public string Content { get; private set; }

    public string ContentHtml { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    /// <summary>Submitted (awaiting the decision) or Rejected.</summary>
    public PostStatus Status { get; private set; }

    public string? RejectionReason { get; private set; }

    internal static PendingRevision Of(int revision, PostText text, DateTimeOffset submittedAt) =>
        new(revision, text.Title, text.Summary, text.Category.Slug, text.Content, text.ContentHtml, submittedAt) { Category = text.Category };

    internal void Reject(string? reason)
    {
        Status = PostStatus.Rejected;
        RejectionReason = reason;
    }
}

/// <summary>What an author writes for one revision, rendered and summarized.</summary>
public sealed record PostText(string Title, string Summary, Category Category, string Content, string ContentHtml)
{
    /// <param name="summary">The author's summary; blank for the start of <paramref name="rendered"/>'s text.</param>
    public static PostText Of(string title, string? summary, Category category, string content, RenderedContent rendered) => new(
        title.Trim(),
        string.IsNullOrWhiteSpace(summary) ? PostMarkdown.Summarize(rendered.PlainText) : summary.Trim(),
        category, content, rendered.Html);
}
