using Wolverine;
using Wolverine.Attributes;

namespace BlogModular.Blogging.Contracts;

/// <summary>
/// An author submitted a revision of a post for editorial review: revision 1 when the post is written, a higher one
/// for each edit. Travels on <see cref="BloggingTopics.BlogCreation"/>, keyed by post id.
/// </summary>
/// <param name="AuthorId">The author's account, so Approvals can tell reviewers which posts are their own.</param>
/// <param name="Summary">The summary as the feed shows it (the author's, or the start of the text).</param>
/// <param name="Category">The category's slug.</param>
/// <param name="Content">Markdown.</param>
[MessageIdentity("blogging.post-submitted", Version = 2)]
public sealed record PostSubmitted(
    Guid PostId, int Revision, Guid AuthorId, string Author, string Title, string Summary, string Category, string Content, DateTimeOffset SubmittedAt);

/// <summary>
/// The first version, from before posts had revisions, summaries and categories. Still accepted: a consumer handles
/// it as <see cref="PostSubmitted"/> revision 1, through <see cref="Transform"/>.
/// </summary>
[MessageIdentity("blogging.post-submitted", Version = 1)]
public sealed record PostSubmittedV1(Guid PostId, string Title, string Content, string Author, DateTimeOffset SubmittedAt)
    : IForwardsTo<PostSubmitted>
{
    /// <summary>Version 1 carried no author id, summary or category: they stay empty.</summary>
    public PostSubmitted Transform() => new(PostId, 1, Guid.Empty, Author, Title, "", "", Content, SubmittedAt);
}
