using BlogModular.Accounts.Contracts;
using BlogModular.Accounts.Domain;
using BlogModular.Accounts.Mail;
using BlogModular.Accounts.Persistence;
using JasperFx.Core;
using Microsoft.EntityFrameworkCore;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace BlogModular.Accounts.Features.Notifications;

/// <summary>
/// E-mails a user what another module asked (<see cref="NotifyUser"/>), once per notification id: the id is recorded in
/// the handler's transaction before the mail is sent, so a notification that arrives again (even while the first is
/// being handled) finds it and sends nothing. A kind the user turned off is recorded as skipped. A failed send throws,
/// the record rolls back with the transaction, and Wolverine tries again (<see cref="Configure"/>).
/// A crash after the mail server took the e-mail but before the commit sends it twice: SMTP has no transaction to join.
/// </summary>
public static class NotifyUserHandler
{
    /// <summary>
    /// A mail server that is down or refuses for a moment gets a few tries spread over ~40 s; after that the notification
    /// waits in the dead letters, where an operator can replay it once mail works again.
    /// </summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnAnyException()
            .RetryWithCooldown(1.Seconds(), 5.Seconds(), 30.Seconds())
            .Then.MoveToErrorQueue();

    public static async Task Handle(
        NotifyUser notification, AccountsDbContext db, MailSender mail, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == notification.UserId, cancellationToken);
        if (user is null)
        {
            // The account is gone (or never was): there is nobody to write to, and retrying would not change that.
            logger.LogWarning("Notification {NotificationId} is for unknown user {UserId}; dropped", notification.NotificationId, notification.UserId);
            return;
        }

        var wanted = user.Wants(notification.Kind);
        var record = wanted ? SentNotification.Sent(notification, clock.GetUtcNow()) : SentNotification.Skipped(notification, clock.GetUtcNow());
        // The id is claimed before the mail goes out, so two copies handled at once cannot both send.
        if (!await db.ClaimAsync(record, cancellationToken))
        {
            logger.LogInformation("Notification {NotificationId} was already handled; repeat ignored", notification.NotificationId);
            return;
        }

        if (!wanted)
        {
            logger.LogInformation("User {UserId} turned {Kind} e-mails off; notification {NotificationId} not sent",
                user.Id, notification.Kind, notification.NotificationId);
            return;
        }

        await mail.SendNotificationAsync(user, notification);
    }
}
