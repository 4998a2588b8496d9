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
    string? RejectionReason)
{
    public static PostResponse From(Post post) => new(
        post.Id, post.Title, post.Content, post.Author, post.Status, post.CreatedAt, post.PublishedAt, post.RejectionReason);
}
