using BlogModular.BuildingBlocks.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace BlogModular.Blogging.Persistence;

/// <summary>
/// A post or its review timeline changed: the triggers of migration <c>AnnouncePostChanges</c> notify this channel with
/// the post's author id, so an author's page re-reads only for the author's own posts.
/// </summary>
internal sealed class PostChanges(IConfiguration configuration, ILogger<PostChanges> logger)
    : ChangeFeed(ChannelName, configuration.GetRequiredConnectionString(BloggingModule.Descriptor.ConnectionStringName), logger)
{
    public const string ChannelName = "blogging_posts_changed";

    /// <summary>Whether a notification's payload names <paramref name="authorId"/>.</summary>
    public static bool About(string payload, Guid authorId) => Guid.TryParse(payload, out var id) && id == authorId;
}
