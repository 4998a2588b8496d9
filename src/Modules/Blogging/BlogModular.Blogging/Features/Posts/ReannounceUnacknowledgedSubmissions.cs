using BlogModular.Blogging.Persistence;
using BlogModular.BuildingBlocks.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wolverine;

namespace BlogModular.Blogging.Features.Posts;

/// <summary>Re-announcement of submissions Approvals has not acknowledged (section <c>Blogging:Reannouncement</c>).</summary>
public sealed class ReannouncementSettings : ResendSettings
{
    public const string Section = "Blogging:Reannouncement";
}

/// <summary>One round of the re-announcement sweep (a <see cref="ResendSweep"/>).</summary>
public sealed record ReannounceUnacknowledgedSubmissions;

/// <summary>
/// Self-healing: a submission whose <see cref="Contracts.PostSubmitted"/> never reached Approvals (lost on the way,
/// e.g. a broker that forgot it) is re-announced. Approvals dedupes by post id and revision, so this is always safe.
/// Each post carries the time it is due (<see cref="Domain.Post.ReannounceAt"/>, cleared by the acknowledgement),
/// so the healthy path costs an indexed column instead of a scheduled message per post (ADR 0009).
/// </summary>
public static class ReannounceUnacknowledgedSubmissionsHandler
{
    /// <summary>Re-announces up to <see cref="ResendSweep.BatchSize"/> due submissions, in this transaction's outbox; returns how many were due.</summary>
    public static async Task<(int, OutgoingMessages)> Handle(
        ReannounceUnacknowledgedSubmissions sweep,
        BloggingDbContext db,
        TimeProvider clock,
        IOptions<ReannouncementSettings> options,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        // SKIP LOCKED: processes sweeping at the same moment take different posts, so no round announces one twice.
        // xmin is a system column, which * leaves out; EF Core reads it as the concurrency token.
        var due = await db.Posts
            .FromSql($"""
                SELECT *, xmin FROM blogging.posts WHERE reannounce_at <= {now}
                ORDER BY reannounce_at LIMIT {ResendSweep.BatchSize} FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);

        var messages = new OutgoingMessages();
        foreach (var post in due)
        {
            if (post.Reannounce(now, settings.DelayAfter(post.Reannouncements + 1), settings.MaxAttempts))
            {
                logger.LogWarning("Post {PostId} not acknowledged by Approvals; re-announcing it (attempt {Attempt})", post.Id, post.Reannouncements);
                messages.Add(SubmitPostHandler.Announcement(post));
            }
            else if (post.AcknowledgedAt is null && post.AwaitsDecision)
            {
                logger.LogError("Post {PostId} was re-announced {Attempts} times and never acknowledged by Approvals; giving up", post.Id, post.Reannouncements);
            }
        }

        return (due.Count, messages);
    }
}

/// <summary>Blogging's part of the consistency view: submissions Approvals has not acknowledged yet.</summary>
internal static class SubmissionConsistency
{
    public const string Unacknowledged = "unacknowledged_submissions";

    public static readonly ConsistencyView View = new(
        [new(Unacknowledged, "Submitted post revisions Approvals has not acknowledged yet (still being re-announced)")],
        ReadAsync);

    private static async Task<ConsistencyReport> ReadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<BloggingDbContext>();
        var waiting = await db.Posts.LongCountAsync(p => p.ReannounceAt != null, cancellationToken);
        return new ConsistencyReport(new Dictionary<string, long> { [Unacknowledged] = waiting }, []);
    }
}
