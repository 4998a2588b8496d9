using BlogModular.Approvals.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlogModular.Approvals.Persistence;

public sealed class ApprovalsDbContext : DbContext
{
    public ApprovalsDbContext(DbContextOptions<ApprovalsDbContext> options)
        : base(options) =>
        // Wolverine runs each handler and endpoint in one transaction that commits or rolls back whole, and nothing
        // here continues after a failed save; EF Core's savepoint around every SaveChanges only cost two round trips.
        Database.AutoSavepointsEnabled = false;

    public const string Schema = "approvals";

    public DbSet<ApprovalRequest> Requests => Set<ApprovalRequest>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        Configure(modelBuilder.Entity<ApprovalRequest>());
    }

    private static void Configure(EntityTypeBuilder<ApprovalRequest> request)
    {
        request.ToTable("approval_requests");
        request.HasKey(r => r.Id);
        request.Property(r => r.Id).ValueGeneratedNever();
        // Idempotency backstop: a redelivered submission can never create a second request for a revision.
        request.HasIndex(r => new { r.PostId, r.Revision }).IsUnique();
        request.Property(r => r.Revision).HasDefaultValue(1);
        request.Property(r => r.Title).HasMaxLength(200);
        request.Property(r => r.Author).HasMaxLength(100);
        request.Property(r => r.Content).HasMaxLength(100_000);
        request.Property(r => r.Progress).HasConversion<string>().HasMaxLength(16);
        request.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(16);
        request.Property(r => r.Reason).HasMaxLength(2_000);
        request.Property(r => r.Version).IsRowVersion();
        // The review board: one column per progress, oldest first.
        request.HasIndex(r => new { r.Progress, r.RequestedAt, r.Id });
        request.HasIndex(r => new { r.RequestedAt, r.Id });
        // The board's Done column: latest decision first.
        request.HasIndex(r => new { r.Progress, r.UpdatedAt, r.Id });
        request.Property(r => r.AssigneeName).HasMaxLength(100);
        // The reminder sweep: only reviews whose assignee is still to be reminded are in it.
        request.HasIndex(r => r.RemindAt)
            .HasFilter("remind_at IS NOT NULL")
            .HasDatabaseName("ix_approval_requests_remind");
        // The decision re-sending sweep and its gauge: only decisions still waiting for Blogging's acknowledgement.
        request.HasIndex(r => r.DecisionSentAt).HasFilter("decision_sent_at IS NOT NULL");
        // Orphaned requests (Blogging knows no such post), for the operations view and its gauge.
        request.HasIndex(r => r.OrphanedAt).HasFilter("orphaned_at IS NOT NULL");
        request.Ignore(r => r.Assignee);
        // The timeline: a row per step beside its request, loaded with it (an owned collection), in sequence order.
        request.OwnsMany(r => r.Timeline, step =>
        {
            step.ToTable("review_steps");
            step.WithOwner().HasForeignKey("ApprovalRequestId");
            step.HasKey("ApprovalRequestId", nameof(ReviewStep.Sequence));
            step.Property(s => s.Sequence).ValueGeneratedNever();
            step.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
            step.Property(s => s.Outcome).HasConversion<string>().HasMaxLength(16);
            step.Property(s => s.ReviewerName).HasMaxLength(100);
            step.Property(s => s.PreviousReviewerName).HasMaxLength(100);
        });
        request.Navigation(r => r.Timeline).HasField("_timeline").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
