using BlogModular.Accounts.Contracts;

namespace BlogModular.Accounts.Domain;

/// <summary>
/// A <see cref="NotifyUser"/> that has been dealt with: e-mailed, or skipped because the user turned its kind off.
/// Kept by notification id (unique), so the same notification arriving again sends nothing.
/// </summary>
public sealed class SentNotification
{
    private SentNotification(Guid id, Guid userId, NotificationKind kind, bool mailed, DateTimeOffset at)
    {
        Id = id;
        UserId = userId;
        Kind = kind;
        Mailed = mailed;
        At = at;
    }

    /// <summary>The sender's <see cref="NotifyUser.NotificationId"/>.</summary>
    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public NotificationKind Kind { get; private set; }

    /// <summary>False when the user had turned this kind off and nothing was sent.</summary>
    public bool Mailed { get; private set; }

    public DateTimeOffset At { get; private set; }

    public static SentNotification Sent(NotifyUser notification, DateTimeOffset at) =>
        new(notification.NotificationId, notification.UserId, notification.Kind, mailed: true, at);

    public static SentNotification Skipped(NotifyUser notification, DateTimeOffset at) =>
        new(notification.NotificationId, notification.UserId, notification.Kind, mailed: false, at);
}
