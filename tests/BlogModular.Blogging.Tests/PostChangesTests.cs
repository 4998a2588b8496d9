using System.Collections.Concurrent;
using BlogModular.Blogging.Domain;
using BlogModular.Blogging.Persistence;
using BlogModular.BuildingBlocks.Persistence;
using BlogModular.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlogModular.Blogging.Tests;

/// <summary>
/// The feed "my posts" listens to, against a real PostgreSQL with Blogging's migrations: the tables' triggers announce
/// a committed change with its author, and nothing that rolled back. Notifications on one channel arrive in commit
/// order, so once a later change is heard, an earlier one that was never heard never will be.
/// </summary>
public sealed class PostChangesTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private PostgresServer? _postgres;

    public async Task InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        await using var db = Db();
        await db.Database.MigrateAsync();
    }

    [Fact]
    public async Task A_committed_post_and_its_review_step_are_announced_with_the_author_and_a_rolled_back_one_is_not()
    {
        using var feed = new PostChanges(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"ConnectionStrings:{DatabaseConfiguration.ConnectionStringName}"] = _postgres!.ConnectionString,
            }).Build(),
            NullLogger<PostChanges>.Instance);
        var heard = new ConcurrentQueue<string>();
        using var subscription = feed.Subscribe(payload =>
        {
            heard.Enqueue(payload);
            return true;
        });
        using var stop = new CancellationTokenSource();
        var told = new SemaphoreSlim(0);
        var following = subscription.RefreshOnChangeAsync(() =>
        {
            told.Release();
            return Task.CompletedTask;
        }, stop.Token);
        await feed.StartAsync(CancellationToken.None);
        // Listening: the feed tells every subscriber once when it (re)connects.
        (await told.WaitAsync(Wait)).ShouldBeTrue("the feed announces that it listens");

        var rolledBack = Guid.NewGuid();
        await using (var db = Db())
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Posts.Add(await NewPostAsync(db, rolledBack));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        var author = Guid.NewGuid();
        Post post;
        await using (var db = Db())
        {
            post = await NewPostAsync(db, author);
            db.Posts.Add(post);
            await db.SaveChangesAsync();
        }

        await Eventually.HoldsAsync(() => Task.FromResult(heard.Contains(author.ToString())), Wait, "the author's post announced");
        heard.ShouldNotContain(rolledBack.ToString());
        PostChanges.About(author.ToString(), author).ShouldBeTrue();
        PostChanges.About(rolledBack.ToString(), author).ShouldBeFalse();

        // A review step writes only the timeline (no posts row), and is announced with the author all the same.
        heard.Clear();
        await using (var db = Db())
        {
            var stored = await db.Posts.SingleAsync(p => p.Id == post.Id);
            stored.MarkInReview(1, DateTimeOffset.UtcNow).ShouldBeTrue();
            await db.SaveChangesAsync();
        }

        await Eventually.HoldsAsync(() => Task.FromResult(heard.Contains(author.ToString())), Wait, "the review step announced");

        await stop.CancelAsync();
        await following;
        await feed.StopAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    private BloggingDbContext Db()
    {
        var options = new DbContextOptionsBuilder<BloggingDbContext>();
        options.UseModuleNpgsql(_postgres!.ConnectionString, BloggingDbContext.Schema)
            // The host's model also maps Wolverine's envelope tables; only the module's own migrations are applied here.
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        return new BloggingDbContext(options.Options);
    }

    private static async Task<Post> NewPostAsync(BloggingDbContext db, Guid authorId)
    {
        var now = DateTimeOffset.UtcNow;
        var general = await db.Categories.SingleAsync(c => c.Slug == "general");
        return Post.Submit(authorId, "Ann", PostText.Of("Title", null, general, "Content", new RenderedContent("<p>Content</p>", "Content")), now, TimeSpan.FromMinutes(5));
    }
}
