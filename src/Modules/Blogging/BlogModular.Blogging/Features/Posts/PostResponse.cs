using BlogModular.Blogging.Domain;
using BlogModular.Blogging.Features.Categories;

namespace BlogModular.Blogging.Features.Posts;

/// <summary>
/// A post. <see cref="Content"/> is the Markdown as written and <see cref="ContentHtml"/> its sanitized HTML; lists
/// carry the summary only and leave both out (null), as they leave out the review timeline.
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
    IReadOnlyList<TimelineEntry>? Timeline)
{
    /// <summary>The whole post; with the review timeline for the author and reviewers.</summary>
    public static PostResponse From(Post post, bool withTimeline = true) => new(
        post.Id, post.Title, post.Summary, CategoryResponse.From(post.Category), post.Revision, post.Content, post.ContentHtml,
        post.Author, post.Status, post.CreatedAt, post.PublishedAt, post.RejectionReason, withTimeline ? post.Timeline : null);

    /// <summary>A list's item: the summary without the content.</summary>
    public static PostResponse ListItem(Post post, bool withTimeline) =>
        From(post, withTimeline) with { Content = null, ContentHtml = null };
}
