using System.Text.Json.Serialization;
using Wolverine.Attributes;

namespace BlogModular.Accounts.Contracts;

/// <summary>
/// Asks Accounts to e-mail one of its users; the other modules know users only by id. Travels on
/// <see cref="AccountsTopics.UserNotification"/>, keyed by <see cref="UserId"/>. Accounts sends one e-mail per
/// <see cref="NotificationId"/>, however often the message arrives, and none of a kind the user turned off.
/// </summary>
/// <param name="LinkPath">A path on this site (such as <c>/posts/{id}</c>); Accounts makes it an absolute link.</param>
[MessageIdentity("accounts.notify-user", Version = 1)]
public sealed record NotifyUser(Guid NotificationId, Guid UserId, NotificationKind Kind, string Subject, string Text, string? LinkPath);

/// <summary>What a notification is about; users can turn some kinds off. Serialized by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NotificationKind>))]
public enum NotificationKind
{
    /// <summary>A reviewer approved or rejected one of the user's posts (the user may turn these off).</summary>
    ReviewDecision = 1,

    /// <summary>A review assigned to the user has been in progress for long.</summary>
    ReviewReminder = 2,
}
