using BlogModular.Blogging.Domain;
using BlogModular.Blogging.Features.Posts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;

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

    public DbSet<Category> Categories => Set<Category>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        Configure(modelBuilder.Entity<Post>());
        Configure(modelBuilder.Entity<Category>());

        var key = modelBuilder.Entity<SubmissionKey>();
        key.ToTable("submission_keys");
        // Keys are scoped to their author: two authors may happen to pick the same key.
        key.HasKey(k => new { k.AuthorId, k.Key });
        key.Property(k => k.Key).HasMaxLength(SubmissionKey.KeyMax);
        key.Property(k => k.RequestHash).HasMaxLength(64);
    }

    private static void Configure(EntityTypeBuilder<Category> category)
    {
        category.ToTable("categories");
        category.HasKey(c => c.Slug);
        category.Property(c => c.Slug).HasMaxLength(Category.SlugMax);
        category.Property(c => c.Name).HasMaxLength(Category.NameMax);
        category.HasIndex(c => c.Name).IsUnique();
        category.Ignore(c => c.IsArchived);
    }

    private static void Configure(EntityTypeBuilder<Post> post)
    {
        post.ToTable("posts");
        post.HasKey(p => p.Id);
        post.Property(p => p.Id).ValueGeneratedNever();
        post.Property(p => p.Title).HasMaxLength(200);
        post.Property(p => p.Author).HasMaxLength(100);
        post.Property(p => p.Content).HasMaxLength(100_000);
        post.Property(p => p.Summary).HasMaxLength(PostSummary.Max);
        post.Property(p => p.CategorySlug).HasMaxLength(Category.SlugMax);
        post.Property(p => p.Revision).HasDefaultValue(1);
        // Same schema, so a foreign key: a post's category never disappears (categories are archived, not deleted).
        post.HasOne(p => p.Category).WithMany().HasForeignKey(p => p.CategorySlug).OnDelete(DeleteBehavior.Restrict);
        post.Navigation(p => p.Category).AutoInclude();
        post.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        post.Property(p => p.Version).IsRowVersion();
        post.Property(p => p.RejectionReason).HasMaxLength(2_000);
        post.OwnsMany(p => p.Timeline, timeline =>
        {
            timeline.ToTable("post_timeline");
            timeline.WithOwner().HasForeignKey("PostId");
            timeline.Property<int>("Id");
            timeline.HasKey("Id");
            timeline.Property(e => e.Step).HasConversion<string>().HasMaxLength(24);
            timeline.Property(e => e.Reason).HasMaxLength(2_000);
            timeline.Property(e => e.Revision).HasDefaultValue(1);
        });
        // In the posts row (pending_* columns, null when there is none): one read gives the post and its edit.
        post.OwnsOne(p => p.Pending, pending =>
        {
            pending.Property(r => r.Title).HasMaxLength(200);
            pending.Property(r => r.Content).HasMaxLength(100_000);
            pending.Property(r => r.Summary).HasMaxLength(PostSummary.Max);
            pending.Property(r => r.CategorySlug).HasMaxLength(Category.SlugMax);
            pending.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            pending.Property(r => r.RejectionReason).HasMaxLength(2_000);
            pending.HasOne(r => r.Category).WithMany().HasForeignKey(r => r.CategorySlug).OnDelete(DeleteBehavior.Restrict);
            pending.Navigation(r => r.Category).AutoInclude();
        });
        post.Navigation(p => p.Timeline).HasField("_timeline").UsePropertyAccessMode(PropertyAccessMode.Field);
        // The home feed: published posts, newest first, keyset-paged on (published_at, id).
        post.HasIndex(p => new { p.PublishedAt, p.Id })
            .IsDescending(true, true)
            .HasFilter("status = 'Published'")
            .HasDatabaseName("ix_posts_feed");
        // A category's page: its published posts, newest first, keyset-paged like the feed.
        post.HasIndex(p => new { p.CategorySlug, p.PublishedAt, p.Id })
            .IsDescending(false, true, true)
            .HasFilter("status = 'Published'")
            .HasDatabaseName("ix_posts_category_feed");
        // The re-announcement sweep: only submissions still waiting for Approvals' acknowledgement are in it.
        post.HasIndex(p => p.ReannounceAt)
            .HasFilter("reannounce_at IS NOT NULL")
            .HasDatabaseName("ix_posts_reannounce");
        // Full-text search: a weighted vector generated from the post's own text (Npgsql's HasGeneratedTsVectorColumn
        // cannot weight), indexed for the published posts only, which are all a search may find (ADR 0018).
        post.Property<NpgsqlTsVector>(PostSearch.VectorProperty)
            .HasComputedColumnSql(PostSearch.VectorSql(PostSearch.IndexedLanguage), stored: true);
        post.HasIndex(PostSearch.VectorProperty)
            .HasMethod("gin")
            .HasFilter("status = 'Published'")
            .HasDatabaseName("ix_posts_search");
        // Ranking reads the title and summary only: small enough to stay in the row, unlike the full vector (ADR 0018).
        post.Property<NpgsqlTsVector>(PostSearch.RankVectorProperty)
            .HasComputedColumnSql(PostSearch.RankVectorSql(PostSearch.IndexedLanguage), stored: true);
        // "My posts": an author's posts in every status, newest first.
        post.HasIndex(p => new { p.AuthorId, p.CreatedAt, p.Id })
            .IsDescending(false, true, true)
            .HasDatabaseName("ix_posts_author");
    }
}
