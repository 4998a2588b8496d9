using BlogModular.Blogging.Domain;

namespace BlogModular.Blogging.Features.Posts;

public sealed record PostResponse(
    Guid Id,
    string Title,
    string Content,
    string Author,
    PostStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PublishedAt,
    string? RejectionReason,
    IReadOnlyList<TimelineEntry>? Timeline)
{
    /// <summary>With the review timeline, for the author and reviewers; lists of public posts leave it out (null).</summary>
    public static PostResponse From(Post post, bool withTimeline = true) => new(
        post.Id, post.Title, post.Content, post.Author, post.Status, post.CreatedAt, post.PublishedAt, post.RejectionReason,
        withTimeline ? post.Timeline : null);
}
