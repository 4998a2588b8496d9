using System.Security.Cryptography;
using System.Text;
using BlogModular.Accounts.Contracts;
using BlogModular.Approvals.Domain;
using BlogModular.Approvals.Persistence;
using Microsoft.EntityFrameworkCore;
using BlogModular.BuildingBlocks.Messaging;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace BlogModular.Approvals.Features.Reviews;

/// <summary>One round of the reminder sweep (run every <see cref="ReviewSettings.SweepEvery"/> where Approvals runs).</summary>
public sealed record RemindReviewers;

/// <summary>
/// A reviewer who has kept a review In Progress for <see cref="ReviewSettings.RemindAfter"/> is e-mailed a reminder
/// (through Accounts). Each request carries the time its reminder is due (<see cref="ApprovalRequest.RemindAt"/>, set
/// at start and takeover, cleared by the decision), and this sweep, which runs only where Approvals runs, sends those
/// past it (ADR 0019).
/// </summary>
public static class RemindReviewersHandler
{
    /// <summary>Reminds up to <see cref="ResendSweep.BatchSize"/> due assignees, in this transaction's outbox; returns how many were due.</summary>
    public static async Task<(int, OutgoingMessages)> Handle(
        RemindReviewers sweep, ApprovalsDbContext db, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // SKIP LOCKED: processes sweeping at the same moment take different requests, so nobody is reminded twice.
        // xmin is named: it is the concurrency token, and a system column that * leaves out.
        var due = await db.Requests
            .FromSql($"""
                SELECT *, xmin FROM approvals.approval_requests WHERE remind_at <= {now}
                ORDER BY remind_at LIMIT {ResendSweep.BatchSize} FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);

        var messages = new OutgoingMessages();
        foreach (var request in due)
        {
            if (Reminder(request, now) is { } reminder)
            {
                logger.LogInformation("Reminding {Reviewer} of approval request {ApprovalId} for post {PostId}, in progress since {AssignedAt}",
                    request.AssigneeName, request.Id, request.PostId, request.AssignedAt);
                messages.Add(reminder);
            }
        }

        return (due.Count, messages);
    }

    /// <summary>Records the reminder on <paramref name="request"/> and returns its e-mail; null when it is no longer due.</summary>
    public static NotifyUser? Reminder(ApprovalRequest request, DateTimeOffset now)
    {
        if (!request.Remind(now))
        {
            return null;
        }

        return new NotifyUser(
            NotificationId(request.Id, request.AssigneeId!.Value, request.AssignedAt!.Value),
            request.AssigneeId!.Value,
            NotificationKind.ReviewReminder,
            $"Reminder: \"{request.Title}\" is waiting for your decision",
            $"You have been reviewing \"{request.Title}\" by {request.Author} since {request.AssignedAt:yyyy-MM-dd HH:mm} UTC. " +
            "Please approve or reject it on the review board, or let another reviewer take it over.",
            ReviewPages.Board);
    }

    /// <summary>
    /// The same for the same (approval, assignee, assignment time), so a repeated reminder is one e-mail: Accounts sends
    /// once per notification id. A name-based UUID (version 8) from SHA-256.
    /// </summary>
    internal static Guid NotificationId(Guid approvalId, Guid assigneeId, DateTimeOffset assignedAt)
    {
        var name = $"approvals.review-reminder/{approvalId}/{assigneeId}/{assignedAt.UtcTicks}";
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
