using System.Diagnostics;
using System.Globalization;
using BlogModular.Approvals;
using BlogModular.Approvals.Features.Reviews;
using BlogModular.Blogging.Features.Posts;
using BlogModular.Testing;
using Microsoft.Playwright;
using Npgsql;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BlogModular.Browser.Tests;

/// <summary>
/// The live pages (the review board, "my posts") listen to their module's change feed instead of polling the database:
/// many open pages cost no query while nothing changes, and a change still reaches every one of them.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class LivePagesTests(BrowserFixture app, ITestOutputHelper output)
{
    /// <summary>How many live pages the test opens (half boards, half "my posts"); 50 unless set.</summary>
    public const string PagesVariable = "BLOGMODULAR_LIVE_PAGES";

    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(5);

    // Ten circuits start at once per batch; on a busy machine that takes longer than a single page's wait.
    private static readonly LocatorAssertionsToBeVisibleOptions Opened = new() { Timeout = 60_000 };

    [Fact]
    public async Task Open_live_pages_query_nothing_while_nothing_changes_and_every_one_shows_a_change()
    {
        var count = PageCount();
        var boardCount = (count + 1) / 2;
        var mineCount = count - boardCount;
        var author = await app.CreateAccountAsync("Lena");
        var authorId = await app.UserIdAsync(author);
        var earlier = $"Written before the pages opened {Guid.NewGuid():N}";
        await app.SubmitAsync(earlier, "Earlier.", authorId);
        await using var statements = await Statements.OpenAsync(app.DatabaseConnectionString);

        var reviewerTab = await app.NewPageAsync();
        await reviewerTab.LogInAsync(await app.CreateAccountAsync("Quinn", reviewer: true));
        var authorTab = await app.NewPageAsync();
        await authorTab.LogInAsync(author);
        try
        {
            // Tabs of one logged-in browser profile each: every tab is a circuit of its own.
            var boards = await OpenAsync(reviewerTab.Context, boardCount, async page =>
            {
                await page.GotoAsync(ReviewPages.Board);
                await Expect(page.Locator("[data-column=ToDo]")).ToBeVisibleAsync(Opened);
            });
            var mine = await OpenAsync(authorTab.Context, mineCount, async page =>
            {
                await page.GotoAsync(PostsPages.Mine);
                await Expect(Ui.MyPost(page, earlier)).ToBeVisibleAsync(Opened);
            });

            // Nothing changes: messages of earlier tests may still be arriving, so the window is taken again (at most
            // three times) until it saw no write to the pages' tables.
            var (reads, writes, windows) = (0L, 0L, 0);
            do
            {
                windows++;
                var before = await statements.CountAsync();
                await Task.Delay(Quiet);
                var after = await statements.CountAsync();
                (reads, writes) = (after.Reads - before.Reads, after.Writes - before.Writes);
            }
            while (writes > 0 && windows < 3);

            writes.ShouldBe(0, "a quiet window: nothing may change the pages' tables in it");
            output.WriteLine($"{count} live pages ({boards.Count} review boards, {mine.Count} my posts): {reads} reads of the pages' tables in {Quiet.TotalSeconds:0} s without changes");
            reads.ShouldBe(0, $"{count} open live pages read the database while nothing changed");

            var title = $"Seen by every open page {Guid.NewGuid():N}";
            var submitted = await statements.CountAsync();
            var clock = Stopwatch.StartNew();
            var post = await app.SubmitAsync(title, "Announced.", authorId);
            foreach (var board in boards)
            {
                await Expect(Ui.BoardCard(board, "ToDo", title)).ToBeVisibleAsync();
            }

            foreach (var page in mine)
            {
                await Expect(Ui.MyPost(page, title)).ToContainTextAsync("Waiting for review");
            }

            var shown = clock.Elapsed;
            var rereads = (await statements.CountAsync()).Reads - submitted.Reads;

            await app.ApproveAsync(post.Id);
            foreach (var board in boards)
            {
                await Expect(Ui.BoardCard(board, "Done", title)).ToContainTextAsync("Approved");
            }

            foreach (var page in mine)
            {
                await Expect(Ui.MyPost(page, title)).ToContainTextAsync("Published");
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"a submission reached all {count} pages in {shown.TotalSeconds:0.0} s with {rereads} reads ({(double)rereads / count:0.0} a page); the approval reached all of them too"));
        }
        finally
        {
            await reviewerTab.Context.CloseAsync();
            await authorTab.Context.CloseAsync();
        }
    }

    private static int PageCount() =>
        int.TryParse(Environment.GetEnvironmentVariable(PagesVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 2 ? n : 50;

    [Fact]
    public async Task A_board_that_cannot_read_yet_says_it_is_loading_and_shows_the_board_once_it_can()
    {
        var reviewer = await app.NewPageAsync();
        await reviewer.LogInAsync(await app.CreateAccountAsync("Ines", reviewer: true));
        // The module's own login loses the right to read its requests for a while, as a database in trouble would.
        var role = DatabaseLogins.RoleOf(ApprovalsModule.Descriptor.ConnectionStringName);
        await using var admin = new NpgsqlConnection(app.DatabaseConnectionString);
        await admin.OpenAsync();
        await ExecuteAsync(admin, $"REVOKE SELECT ON approvals.approval_requests FROM {role}");
        var restored = false;
        try
        {
            await reviewer.GotoAsync(ReviewPages.Board);
            await Expect(reviewer.GetByText("Loading…")).ToBeVisibleAsync();
            await Eventually.HoldsAsync(
                () => Task.FromResult(app.HostWarnings.Latest().Contains("could not read; trying again", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(30), "the board's first read failed and was logged");
            await Expect(reviewer.Locator("[data-column=ToDo]")).ToHaveCountAsync(0);

            await ExecuteAsync(admin, $"GRANT SELECT ON approvals.approval_requests TO {role}");
            restored = true;
            // Tried again within seconds, without a reload; the circuit lived through the failure.
            await Expect(reviewer.Locator("[data-column=ToDo]")).ToBeVisibleAsync();
            await Expect(reviewer.GetByText("Loading…")).ToHaveCountAsync(0);
            await Expect(reviewer.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        }
        finally
        {
            if (!restored)
            {
                await ExecuteAsync(admin, $"GRANT SELECT ON approvals.approval_requests TO {role}");
            }

            await reviewer.Context.CloseAsync();
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// <paramref name="count"/> tabs in <paramref name="context"/> (one already open), each made ready by
    /// <paramref name="ready"/>, ten at a time. A tab that does not get ready fails the test with what the host warned of.
    /// </summary>
    private async Task<IReadOnlyList<IPage>> OpenAsync(IBrowserContext context, int count, Func<IPage, Task> ready)
    {
        var pages = new List<IPage>(context.Pages);
        await ReadyAsync(pages[0]);
        while (pages.Count < count)
        {
            var batch = await Task.WhenAll(Enumerable.Range(0, Math.Min(10, count - pages.Count)).Select(async _ =>
            {
                var page = await context.NewPageAsync();
                await ReadyAsync(page);
                return page;
            }));
            pages.AddRange(batch);
        }

        return pages;

        async Task ReadyAsync(IPage page)
        {
            try
            {
                await ready(page);
            }
            catch (PlaywrightException e)
            {
                throw new PlaywrightException($"{e.Message}{Environment.NewLine}{app.HostWarnings.Report()}", e);
            }
        }
    }

    /// <summary>
    /// PostgreSQL's statement statistics (pg_stat_statements) for the tables the live pages read: the review board's
    /// (approval requests and their steps) and "my posts"' (posts and their timeline). Reads leave out the background
    /// sweeps (re-announcement, decision re-sending, reminders), which read those tables on their own timers whether or not
    /// a page is open; each claims its rows with FOR UPDATE SKIP LOCKED, and no page query does.
    /// </summary>
    private sealed class Statements(NpgsqlConnection connection) : IAsyncDisposable
    {
        public static async Task<Statements> OpenAsync(string connectionString)
        {
            var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", connection);
            await create.ExecuteNonQueryAsync();
            return new Statements(connection);
        }

        public async Task<(long Reads, long Writes)> CountAsync()
        {
            await using var command = new NpgsqlCommand(
                """
                SELECT coalesce(sum(calls) FILTER (WHERE query ILIKE 'select%' AND query NOT ILIKE '%for update skip locked%'), 0)::bigint,
                       coalesce(sum(calls) FILTER (WHERE query ILIKE 'insert%' OR query ILIKE 'update%' OR query ILIKE 'delete%'), 0)::bigint
                FROM pg_stat_statements
                WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND (query ILIKE '%approvals.approval_requests%' OR query ILIKE '%approvals.review_steps%'
                       OR query ILIKE '%blogging.posts%' OR query ILIKE '%blogging.post_timeline%')
                """, connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.GetInt64(0), reader.GetInt64(1));
        }

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
