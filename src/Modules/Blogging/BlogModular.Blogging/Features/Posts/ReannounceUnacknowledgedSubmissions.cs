using BlogModular.Blogging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wolverine;

namespace BlogModular.Blogging.Features.Posts;

public sealed class ReannouncementSettings
{
    public const string Section = "Blogging:Reannouncement";

    /// <summary>How long a submission may stay unacknowledged before it is re-announced.</summary>
    public TimeSpan After { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Re-announcements per post before giving up (and logging an error).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>How often the sweep looks for submissions past their time: a quarter of <see cref="After"/>, 1 s to 1 min.</summary>
    public TimeSpan SweepEvery => TimeSpan.FromTicks(Math.Clamp(After.Ticks / 4, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));
}

/// <summary>One round of the re-announcement sweep (<see cref="ReannouncementSweep"/> sends it).</summary>
public sealed record ReannounceUnacknowledgedSubmissions;

/// <summary>
/// Self-healing: a submission whose <see cref="Contracts.PostSubmitted"/> never reached Approvals (lost on the way,
/// e.g. a broker that forgot it) is re-announced. Approvals dedupes by post id and revision, so this is always safe.
/// Each post carries the time it is due (<see cref="Domain.Post.ReannounceAt"/>, cleared by the acknowledgement),
/// so the healthy path costs an indexed column instead of a scheduled message per post (ADR 0009).
/// </summary>
public static class ReannounceUnacknowledgedSubmissionsHandler
{
    public const int BatchSize = 500;

    /// <summary>Re-announces up to <see cref="BatchSize"/> due submissions, in this transaction's outbox; returns how many were due.</summary>
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
        // xmin is named: it is the concurrency token, and a system column that * leaves out.
        var due = await db.Posts
            .FromSql($"""
                SELECT *, xmin FROM blogging.posts WHERE reannounce_at <= {now}
                ORDER BY reannounce_at LIMIT {BatchSize} FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);

        var messages = new OutgoingMessages();
        foreach (var post in due)
        {
            if (post.Reannounce(now, settings.After, settings.MaxAttempts))
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

/// <summary>Runs the re-announcement sweep every <see cref="ReannouncementSettings.SweepEvery"/> in each process that runs Blogging.</summary>
internal sealed class ReannouncementSweep(IServiceScopeFactory scopes, IOptions<ReannouncementSettings> options, ILogger<ReannouncementSweep> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
                // A full batch means more may be due: go on until a round finds fewer.
                while (await bus.InvokeAsync<int>(new ReannounceUnacknowledgedSubmissions(), stoppingToken) == ReannounceUnacknowledgedSubmissionsHandler.BatchSize)
                {
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // E.g. PostgreSQL unreachable: the due posts stay due, and the next round takes them.
                logger.LogWarning(e, "The re-announcement sweep failed; it runs again in {Interval}", options.Value.SweepEvery);
            }
        }
    }
}
