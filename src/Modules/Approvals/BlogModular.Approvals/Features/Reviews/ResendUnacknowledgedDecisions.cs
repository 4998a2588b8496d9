using BlogModular.Approvals.Persistence;
using BlogModular.BuildingBlocks.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wolverine;

namespace BlogModular.Approvals.Features.Reviews;

/// <summary>Re-sending of decisions Blogging has not acknowledged (section <c>Approvals:DecisionResend</c>).</summary>
public sealed class DecisionResendSettings : ResendSettings
{
    public const string Section = "Approvals:DecisionResend";
}

/// <summary>One round of the decision re-sending sweep (a <see cref="ResendSweep"/>).</summary>
public sealed record ResendUnacknowledgedDecisions;

/// <summary>
/// Self-healing in the other direction: a decision whose <see cref="Contracts.ReviewDecided"/> never reached Blogging
/// (its outbox row lost, the broker's copy gone, the inbox record deleted) is sent again until Blogging acknowledges
/// it. Blogging applies a decision to the post's latest revision once, so sending it again is always safe. The sweep
/// has the shape of Blogging's re-announcement (ADR 0009, ADR 0025).
/// </summary>
public static class ResendUnacknowledgedDecisionsHandler
{
    /// <summary>Sends again up to <see cref="ResendSweep.BatchSize"/> due decisions, in this transaction's outbox; returns how many were due.</summary>
    public static async Task<(int, OutgoingMessages)> Handle(
        ResendUnacknowledgedDecisions sweep,
        ApprovalsDbContext db,
        TimeProvider clock,
        IOptions<DecisionResendSettings> options,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        // Due once the wait for its attempt has passed: After, then twice as long each time, up to MaxDelay.
        // SKIP LOCKED: processes sweeping at the same moment take different requests. xmin (the concurrency token) is a
        // system column, which * leaves out.
        var due = await db.Requests
            .FromSql($"""
                SELECT *, xmin FROM approvals.approval_requests
                WHERE decision_sent_at IS NOT NULL
                  AND decision_sent_at + LEAST({settings.After} * power(2, LEAST(decision_resends, 30)), GREATEST({settings.MaxDelay}, {settings.After})) <= {now}
                ORDER BY decision_sent_at LIMIT {ResendSweep.BatchSize} FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);

        var messages = new OutgoingMessages();
        foreach (var request in due)
        {
            if (request.ResendDecision(now, settings.MaxAttempts))
            {
                logger.LogWarning("Decision on approval request {ApprovalId} for post {PostId} not acknowledged by Blogging; sending it again (attempt {Attempt})",
                    request.Id, request.PostId, request.DecisionResends);
                messages.Add(request.Decision!);
            }
            else if (request.DecisionAcknowledgedAt is null && request.OrphanedAt is null)
            {
                logger.LogError("Decision on approval request {ApprovalId} for post {PostId} was sent again {Attempts} times and never acknowledged by Blogging; giving up",
                    request.Id, request.PostId, request.DecisionResends);
            }
        }

        return (due.Count, messages);
    }
}

/// <summary>Approvals' part of the consistency view: decisions Blogging has not acknowledged, and orphaned requests.</summary>
internal static class DecisionConsistency
{
    public const string Unacknowledged = "unacknowledged_decisions";
    public const string Orphaned = "orphaned_requests";

    /// <summary>At most this many orphaned requests are listed (newest first); the gauge counts them all.</summary>
    public const int ListedMax = 100;

    public static readonly ConsistencyView View = new(
        [
            new(Unacknowledged, "Review decisions Blogging has not acknowledged yet (still being sent again)"),
            new(Orphaned, "Approval requests for a post Blogging does not know"),
        ],
        ReadAsync);

    private static async Task<ConsistencyReport> ReadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<ApprovalsDbContext>();
        var unacknowledged = await db.Requests.LongCountAsync(r => r.DecisionSentAt != null, cancellationToken);
        var orphaned = await db.Requests.LongCountAsync(r => r.OrphanedAt != null, cancellationToken);
        var listed = await db.Requests.AsNoTracking()
            .Where(r => r.OrphanedAt != null)
            .OrderByDescending(r => r.OrphanedAt)
            .Take(ListedMax)
            .Select(r => new { r.Id, r.PostId, r.Revision, r.OrphanedAt })
            .ToListAsync(cancellationToken);
        return new ConsistencyReport(
            new Dictionary<string, long> { [Unacknowledged] = unacknowledged, [Orphaned] = orphaned },
            [.. listed.Select(r => new FlaggedItem(r.Id, $"post {r.PostId}, revision {r.Revision}", "Blogging knows no such post (orphaned request)", r.OrphanedAt!.Value))]);
    }
}
