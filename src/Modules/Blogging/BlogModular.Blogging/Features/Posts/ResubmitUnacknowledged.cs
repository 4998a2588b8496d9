using BlogModular.Blogging.Contracts;
using BlogModular.Blogging.Domain;
using BlogModular.Blogging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wolverine;

namespace BlogModular.Blogging.Features.Posts;

/// <summary>Scheduled with every submission: "has Approvals acknowledged this post by now?"</summary>
public sealed record RecheckSubmission(Guid PostId, int Attempt);

public sealed class ResubmissionSettings
{
    public const string Section = "Blogging:Resubmission";

    /// <summary>How long a submission may stay unacknowledged before it is announced again.</summary>
    public TimeSpan After { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Re-announcements per post before giving up (and logging an error).</summary>
    public int MaxAttempts { get; set; } = 10;
}

/// <summary>
/// Self-healing: a submission whose <see cref="PostSubmitted"/> never reached Approvals (lost on the way,
/// e.g. a broker that forgot it) is announced again. Approvals dedupes by post id, so this is always safe.
/// The check is a durable scheduled Wolverine message: it survives restarts and runs on one node.
/// </summary>
public static class ResubmitUnacknowledgedHandler
{
    public static DeliveryMessage<RecheckSubmission> Schedule(Guid postId, ResubmissionSettings settings, int attempt = 1) =>
        new RecheckSubmission(postId, attempt).DelayedFor(settings.After);

    public static async Task<OutgoingMessages> Handle(
        RecheckSubmission recheck, BloggingDbContext db, IOptions<ResubmissionSettings> options, ILogger logger, CancellationToken cancellationToken)
    {
        var messages = new OutgoingMessages();
        var post = await db.Posts.AsNoTracking().IgnoreAutoIncludes().SingleOrDefaultAsync(p => p.Id == recheck.PostId, cancellationToken);
        if (post is null || post.AcknowledgedAt is not null || post.Status != PostStatus.Submitted)
        {
            return messages;
        }

        if (recheck.Attempt > options.Value.MaxAttempts)
        {
            logger.LogError("Post {PostId} was announced {Attempts} times and never acknowledged by Approvals; giving up", post.Id, recheck.Attempt);
            return messages;
        }

        logger.LogWarning("Post {PostId} not acknowledged by Approvals; announcing it again (attempt {Attempt})", post.Id, recheck.Attempt);
        messages.Add(new PostSubmitted(post.Id, post.Title, post.Content, post.Author, post.CreatedAt));
        messages.Add(Schedule(post.Id, options.Value, recheck.Attempt + 1));
        return messages;
    }
}
