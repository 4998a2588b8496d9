using BlogModular.Accounts.Contracts;
using Microsoft.AspNetCore.Identity;

namespace BlogModular.Accounts.Domain;

public sealed class User : IdentityUser<Guid>
{
    public const int DisplayNameMax = 100;

    /// <summary>Shown as the author of posts; travels in events instead of anything secret.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>Whether the user is e-mailed when a reviewer approves or rejects one of their posts (on unless turned off).</summary>
    public bool ReviewDecisionEmails { get; set; } = true;

    /// <summary>Whether the user wants e-mails of this kind; kinds they cannot turn off are always wanted.</summary>
    public bool Wants(NotificationKind kind) => kind switch
    {
        NotificationKind.ReviewDecision => ReviewDecisionEmails,
        _ => true,
    };
}
