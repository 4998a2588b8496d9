namespace BlogModular.Blogging.Domain;

/// <summary>
/// An author's Idempotency-Key for one submission: a retry with the same key and body gets the original post
/// back instead of creating a second one; the same key with another body is refused.
/// </summary>
public sealed class SubmissionKey
{
    public const int KeyMax = 100;

    public SubmissionKey(Guid authorId, string key, string requestHash, Guid postId, DateTimeOffset createdAt)
    {
        AuthorId = authorId;
        Key = key;
        RequestHash = requestHash;
        PostId = postId;
        CreatedAt = createdAt;
    }

    public Guid AuthorId { get; private set; }

    public string Key { get; private set; }

    public string RequestHash { get; private set; }

    public Guid PostId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
