using System.Security.Cryptography;
using System.Text;
using BlogModular.Accounts.Contracts;
using BlogModular.Approvals.Domain;
using BlogModular.Approvals.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.Attributes;

namespace BlogModular.Approvals.Features.Reviews;

/// <summary>
/// A timer: sent to Approvals itself when a reviewer gets a review (start, takeover), scheduled
/// <see cref="ReviewSettings.RemindAfter"/> later. It waits in Approvals' durable local queue, so in PostgreSQL, and
/// fires after a restart too. Nothing cancels it: when it fires it checks whether the reminder is still due.
/// </summary>
/// <remarks>Its identity is pinned: scheduled ones wait in the database, and must still be read after a rename.</remarks>
[MessageIdentity(RemindReviewerHandler.MessageType)]
public sealed record RemindReviewer(Guid ApprovalId, Guid AssigneeId, DateTimeOffset AssignedAt);

public static class RemindReviewerHandler
{
    public const string MessageType = "approvals.remind-reviewer";

    /// <summary>The reminder for the request's current assignment, to cascade with the change that made it.</summary>
    public static DeliveryMessage<RemindReviewer> For(ApprovalRequest request, ReviewSettings settings) =>
        new RemindReviewer(request.Id, request.AssigneeId!.Value, request.AssignedAt!.Value).DelayedFor(settings.RemindAfter);

    public static Task<ApprovalRequest?> LoadAsync(RemindReviewer reminder, ApprovalsDbContext db, CancellationToken cancellationToken) =>
        db.Requests.SingleOrDefaultAsync(r => r.Id == reminder.ApprovalId, cancellationToken);

    /// <summary>
    /// E-mails the assignee (through Accounts) and records "reminder sent" in the timeline, in one transaction with
    /// the outbox; nothing when the review was decided or reassigned since, or this assignment was already reminded.
    /// </summary>
    public static NotifyUser? Handle(RemindReviewer reminder, ApprovalRequest? request, TimeProvider clock, ILogger logger)
    {
        if (request is null || !request.Remind(reminder.AssigneeId, reminder.AssignedAt, clock.GetUtcNow()))
        {
            logger.LogDebug("Reminder for approval request {ApprovalId} no longer due", reminder.ApprovalId);
            return null;
        }

        logger.LogInformation("Reminding {Reviewer} of approval request {ApprovalId} for post {PostId}, in progress since {AssignedAt}",
            request.AssigneeName, request.Id, request.PostId, reminder.AssignedAt);
        return new NotifyUser(
            NotificationId(reminder),
            reminder.AssigneeId,
            NotificationKind.ReviewReminder,
            $"Reminder: \"{request.Title}\" is waiting for your decision",
            $"You have been reviewing \"{request.Title}\" by {request.Author} since {reminder.AssignedAt:yyyy-MM-dd HH:mm} UTC. " +
            "Please approve or reject it on the review board, or let another reviewer take it over.",
            ReviewPages.Board);
    }

    /// <summary>
    /// The same for the same (approval, assignee, assignment time), so a repeated reminder is one e-mail: Accounts sends
    /// once per notification id. A name-based UUID (version 8) from SHA-256.
    /// </summary>
    internal static Guid NotificationId(RemindReviewer reminder)
    {
        var name = $"approvals.review-reminder/{reminder.ApprovalId}/{reminder.AssigneeId}/{reminder.AssignedAt.UtcTicks}";
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
