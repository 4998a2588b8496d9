using Microsoft.AspNetCore.Identity;

namespace BlogModular.Accounts.Domain;

public sealed class User : IdentityUser<Guid>
{
    public const int DisplayNameMax = 100;

    /// <summary>Shown as the author of posts; travels in events instead of anything secret.</summary>
    public string DisplayName { get; set; } = "";
}
