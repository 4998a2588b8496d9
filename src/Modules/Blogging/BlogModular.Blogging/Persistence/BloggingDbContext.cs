using BlogModular.Blogging.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlogModular.Blogging.Persistence;

public sealed class BloggingDbContext : DbContext
{
    public BloggingDbContext(DbContextOptions<BloggingDbContext> options)
        : base(options) =>
        // Wolverine runs each handler and endpoint in one transaction that commits or rolls back whole, and nothing
        // here continues after a failed save; EF Core's savepoint around every SaveChanges only cost two round trips.
        Database.AutoSavepointsEnabled = false;

    public const string Schema = "blogging";

    public DbSet<Post> Posts => Set<Post>();

    public DbSet<SubmissionKey> SubmissionKeys => Set<SubmissionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        Configure(modelBuilder.Entity<Post>());

        var key = modelBuilder.Entity<SubmissionKey>();
        key.ToTable("submission_keys");
        // Keys are scoped to their author: two authors may happen to pick the same key.
        key.HasKey(k => new { k.AuthorId, k.Key });
        key.Property(k => k.Key).HasMaxLength(SubmissionKey.KeyMax);
        key.Property(k => k.RequestHash).HasMaxLength(64);
    }

    private static void Configure(EntityTypeBuilder<Post> post)
    {
        post.ToTable("posts");
        post.HasKey(p => p.Id);
        post.Property(p => p.Id).ValueGeneratedNever();
        post.Property(p => p.Title).HasMaxLength(200);
        post.Property(p => p.Author).HasMaxLength(100);
        post.Property(p => p.Content).HasMaxLength(100_000);
        post.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        post.Property(p => p.RejectionReason).HasMaxLength(2_000);
        post.OwnsMany(p => p.Timeline, timeline =>
        {
            timeline.ToTable("post_timeline");
            timeline.WithOwner().HasForeignKey("PostId");
            timeline.Property<int>("Id");
            timeline.HasKey("Id");
            timeline.Property(e => e.Step).HasConversion<string>().HasMaxLength(24);
            timeline.Property(e => e.Reason).HasMaxLength(2_000);
        });
        post.Navigation(p => p.Timeline).HasField("_timeline").UsePropertyAccessMode(PropertyAccessMode.Field);
        // The home feed: published posts, newest first, keyset-paged on (published_at, id).
        post.HasIndex(p => new { p.PublishedAt, p.Id })
            .IsDescending(true, true)
            .HasFilter("status = 'Published'")
            .HasDatabaseName("ix_posts_feed");
        // The re-announcement sweep: only submissions still waiting for Approvals' acknowledgement are in it.
        post.HasIndex(p => p.ReannounceAt)
            .HasFilter("reannounce_at IS NOT NULL")
            .HasDatabaseName("ix_posts_reannounce");
        // "My posts": an author's posts in every status, newest first.
        post.HasIndex(p => new { p.AuthorId, p.CreatedAt, p.Id })
            .IsDescending(false, true, true)
            .HasDatabaseName("ix_posts_author");
    }
}
