namespace BlogModular.Accounts.Features.Notifications;

/// <summary>Which e-mails the user gets; the API's body and answer for <see cref="NotificationRoutes.Settings"/>.</summary>
/// <param name="ReviewDecisionEmails">An e-mail when a reviewer approves or rejects one of the user's posts.</param>
public sealed record NotificationSettings(bool ReviewDecisionEmails);

/// <summary>The request body of a change: every field required, so a missing one is a 400 rather than a silent "off".</summary>
public sealed record NotificationSettingsRequest(bool? ReviewDecisionEmails);

public static class NotificationRoutes
{
    public const string Settings = AuthRoutes.Prefix + "/manage/notifications";
}

/// <summary>The settings page's form. A checkbox left unticked posts nothing, which binds as false.</summary>
public sealed class NotificationSettingsForm
{
    public bool ReviewDecisionEmails { get; set; }
}
