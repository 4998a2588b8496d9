using System.Collections.Concurrent;
using BlogModular.Blogging;
using BlogModular.Blogging.Domain;
using BlogModular.Blogging.Persistence;
using BlogModular.BuildingBlocks.Persistence;
using BlogModular.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BlogModular.Blogging.Tests;

/// <summary>
/// The feed "my posts" listens to, against a real PostgreSQL with Blogging's migrations: the tables' triggers announce
/// a committed change with its author, and nothing that rolled back; after a restart of PostgreSQL the feed listens
/// again. Notifications on one channel arrive in commit order, so once a later change is heard, an earlier one that was
/// never heard never will be.
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
        await using var listener = await Listener.StartAsync(_postgres!.ConnectionString);

        var rolledBack = Guid.NewGuid();
        await using (var db = Db())
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Posts.Add(await NewPostAsync(db, rolledBack));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        var author = Guid.NewGuid();
        var post = await SavePostAsync(author);

        await listener.HeardAsync(author, "the author's post announced");
        listener.Heard.ShouldNotContain(rolledBack.ToString());
        PostChanges.About(author.ToString(), author).ShouldBeTrue();
        PostChanges.About(rolledBack.ToString(), author).ShouldBeFalse();

        // A review step writes only the timeline (no posts row), and is announced with the author all the same.
        listener.Heard.Clear();
        await using (var db = Db())
        {
            var stored = await db.Posts.SingleAsync(p => p.Id == post.Id);
            stored.MarkInReview(1, DateTimeOffset.UtcNow).ShouldBeTrue();
            await db.SaveChangesAsync();
        }

        await listener.HeardAsync(author, "the review step announced");
    }

    [Fact]
    public async Task After_PostgreSQL_restarts_the_feed_listens_again_tells_its_pages_once_and_hears_new_changes()
    {
        await using var listener = await Listener.StartAsync(_postgres!.ConnectionString);

        await _postgres.StopServerAsync();
        await _postgres.RestartServerAsync();
        // The test's own pooled connections died with the server; the feed's is its own.
        NpgsqlConnection.ClearAllPools();

        // Nothing was written: this is the feed saying it listens again (whatever was missed meanwhile is re-read).
        (await listener.Told.WaitAsync(TimeSpan.FromSeconds(90))).ShouldBeTrue("the feed tells its pages once it listens again");
        var author = Guid.NewGuid();
        await SavePostAsync(author);
        await listener.HeardAsync(author, "a post written after the restart announced");
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

    private async Task<Post> SavePostAsync(Guid authorId)
    {
        await using var db = Db();
        var post = await NewPostAsync(db, authorId);
        db.Posts.Add(post);
        await db.SaveChangesAsync();
        return post;
    }

    private static async Task<Post> NewPostAsync(BloggingDbContext db, Guid authorId)
    {
        var now = DateTimeOffset.UtcNow;
        var general = await db.Categories.SingleAsync(c => c.Slug == "general");
        return Post.Submit(authorId, "Ann", PostText.Of("Title", null, general, "Content", new RenderedContent("<p>Content</p>", "Content")), now, TimeSpan.FromMinutes(5));
    }

    /// <summary>A feed with one subscription that records every payload and counts the times it was told.</summary>
    private sealed class Listener : IAsyncDisposable
    {
        private readonly PostChanges _feed;
        private readonly ChangeSubscription _subscription;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _following;

        private Listener(string connectionString)
        {
            _feed = new PostChanges(
                new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
                {
                    [$"ConnectionStrings:{BloggingModule.Descriptor.ConnectionStringName}"] = connectionString,
                }).Build(),
                NullLogger<PostChanges>.Instance);
            _subscription = _feed.Subscribe(payload =>
            {
                Heard.Enqueue(payload);
                return true;
            });
            _following = _subscription.RefreshOnChangeAsync(() =>
            {
                Told.Release();
                return Task.CompletedTask;
            }, _stop.Token);
        }

        public ConcurrentQueue<string> Heard { get; } = new();

        public SemaphoreSlim Told { get; } = new(0);

        public static async Task<Listener> StartAsync(string connectionString)
        {
            var listener = new Listener(connectionString);
            await listener._feed.StartAsync(CancellationToken.None);
            // Listening: the feed tells every subscriber once when it (re)connects.
            (await listener.Told.WaitAsync(Wait)).ShouldBeTrue("the feed announces that it listens");
            return listener;
        }

        public Task HeardAsync(Guid author, string what) =>
            Eventually.HoldsAsync(() => Task.FromResult(Heard.Contains(author.ToString())), Wait, what);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _following;
            await _feed.StopAsync(CancellationToken.None);
            _subscription.Dispose();
            _feed.Dispose();
            _stop.Dispose();
            Told.Dispose();
        }
    }
}
