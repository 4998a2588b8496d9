using BlogModular.Blogging.Domain;
using BlogModular.Blogging.Features.Categories;

namespace BlogModular.Blogging.Features.Posts;

/// <summary>
/// A post. <see cref="Content"/> is the Markdown as written and <see cref="ContentHtml"/> its sanitized HTML; lists
/// carry the summary only and leave both out (null), as they leave out the review timeline. <see cref="Revision"/> is
/// the revision shown; <see cref="Pending"/>, for the author and reviewers only, an edit of the published post that
/// awaits review or was rejected.
/// </summary>
public sealed record PostResponse(
    Guid Id,
    string Title,
    string Summary,
    CategoryResponse Category,
    int Revision,
    string? Content,
    string? ContentHtml,
    string Author,
    PostStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PublishedAt,
    string? RejectionReason,
    IReadOnlyList<TimelineEntry>? Timeline,
    PendingRevisionResponse? Pending = null,
    bool? Editable = null)
{
    /// <summary>
    /// The whole post; with the review timeline and the pending revision for the author and reviewers, and for the
    /// author whether it can be edited now (not while a reviewer is on its latest revision).
    /// </summary>
    public static PostResponse From(Post post, bool withTimeline = true, bool forAuthor = false) => new(
        post.Id, post.Title, post.Summary, CategoryResponse.From(post.Category), post.Revision, post.Content, post.ContentHtml,
        post.Author, post.Status, post.CreatedAt, post.PublishedAt, post.RejectionReason,
        withTimeline ? post.Timeline : null,
        withTimeline && post.Pending is { } pending ? PendingRevisionResponse.From(pending) : null,
        forAuthor ? !post.IsInReview : null)
    {
        LatestRevision = post.LatestRevision,
    };

    /// <summary>A list's item: the summary without the content.</summary>
    public static PostResponse ListItem(Post post, bool withTimeline, bool forAuthor = false) =>
        From(post, withTimeline, forAuthor) with { Content = null, ContentHtml = null, Pending = null };

    /// <summary>The revision the author last submitted (<see cref="Post.LatestRevision"/>), which an edit names in If-Match (the ETag).</summary>
    public int LatestRevision { get; init; }
}

/// <summary>An edit of a published post: <see cref="Status"/> is Submitted while it awaits review, or Rejected.</summary>
public sealed record PendingRevisionResponse(
    int Revision, string Title, string Summary, CategoryResponse Category, string Content, string ContentHtml,
    PostStatus Status, string? RejectionReason, DateTimeOffset SubmittedAt)
{
    public static PendingRevisionResponse From(PendingRevision pending) => new(
        pending.Revision, pending.Title, pending.Summary, CategoryResponse.From(pending.Category), pending.Content, pending.ContentHtml,
        pending.Status, pending.RejectionReason, pending.SubmittedAt);
}
