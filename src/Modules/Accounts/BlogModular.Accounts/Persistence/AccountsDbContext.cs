using BlogModular.Accounts.Domain;
using BlogModular.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BlogModular.Accounts.Persistence;

/// <summary>
/// ASP.NET Core Identity's tables and the Data Protection key ring, in schema <c>identity</c>. The shared key
/// ring is what lets a token issued by one process be accepted by every other process of the deployment.
/// </summary>
public sealed class AccountsDbContext(DbContextOptions<AccountsDbContext> options)
    : IdentityDbContext<User, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public const string Schema = "identity";

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<SentNotification> SentNotifications => Set<SentNotification>();

    public DbSet<RoleChange> RoleChanges => Set<RoleChange>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasDefaultSchema(Schema);
        builder.Entity<User>().Property(u => u.DisplayName).HasMaxLength(User.DisplayNameMax);
        var sent = builder.Entity<SentNotification>();
        sent.ToTable("sent_notifications");
        // The notification id is the key: a second insert of the same id fails, however it got here.
        sent.HasKey(n => n.Id);
        sent.Property(n => n.Id).ValueGeneratedNever();
        sent.Property(n => n.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Entity<IdentityRole<Guid>>().HasData(new IdentityRole<Guid>
        {
            Id = ReviewerRoleId,
            Name = BuildingBlocks.Security.Roles.Reviewer,
            NormalizedName = BuildingBlocks.Security.Roles.Reviewer.ToUpperInvariant(),
            ConcurrencyStamp = "7d1c3b0e-reviewer",
        });
        builder.Entity<IdentityRole<Guid>>().HasData(new IdentityRole<Guid>
        {
            Id = OperatorRoleId,
            Name = BuildingBlocks.Security.Roles.Operator,
            NormalizedName = BuildingBlocks.Security.Roles.Operator.ToUpperInvariant(),
            ConcurrencyStamp = "7d1c3b0e-operator",
        });
        var changes = builder.Entity<RoleChange>();
        changes.ToTable("role_changes");
        changes.HasKey(c => c.Id);
        changes.Property(c => c.Id).ValueGeneratedNever();
        changes.Property(c => c.ActorName).HasMaxLength(256);
        changes.Property(c => c.UserEmail).HasMaxLength(256);
        changes.Property(c => c.Role).HasMaxLength(256);
        changes.Property(c => c.Change).HasConversion<string>().HasMaxLength(20);
        // The log is read newest first, a page at a time.
        changes.HasIndex(c => new { c.At, c.Id }).IsDescending();
    }

    /// <summary>
    /// Records <paramref name="notification"/> unless its id is recorded already; false when it was. A concurrent
    /// transaction recording the same id makes this wait for it to end: a duplicate handled at the same moment finds
    /// the first one's row once it commits, or records its own if the first rolled back.
    /// </summary>
    internal async Task<bool> ClaimAsync(SentNotification notification, CancellationToken cancellationToken) =>
        await Database.ExecuteSqlInterpolatedAsync(
            $"""
            insert into identity.sent_notifications (id, user_id, kind, mailed, at)
            values ({notification.Id}, {notification.UserId}, {notification.Kind.ToString()}, {notification.Mailed}, {notification.At})
            on conflict (id) do nothing
            """,
            cancellationToken) == 1;

    private static readonly Guid ReviewerRoleId = new("0194f1a0-0000-7000-8000-00000000ae01");

    private static readonly Guid OperatorRoleId = new("0194f1a0-0000-7000-8000-00000000ae02");

}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a database.</summary>
internal sealed class DesignTimeAccountsDbContextFactory : IDesignTimeDbContextFactory<AccountsDbContext>
{
    public AccountsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AccountsDbContext>();
        options.UseModuleNpgsql("Host=localhost", AccountsDbContext.Schema);
        return new AccountsDbContext(options.Options);
    }
}
