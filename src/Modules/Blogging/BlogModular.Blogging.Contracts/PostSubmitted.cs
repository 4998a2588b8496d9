using Wolverine.Attributes;

namespace BlogModular.Blogging.Contracts;

/// <summary>An author submitted a post for editorial review. Travels on <see cref="BloggingTopics.BlogCreation"/>.</summary>
[MessageIdentity("blogging.post-submitted", Version = 1)]
public sealed record PostSubmitted(Guid PostId, string Title, string Content, string Author, DateTimeOffset SubmittedAt);
