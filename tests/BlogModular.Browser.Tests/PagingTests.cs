using BlogModular.Approvals.Domain;
using BlogModular.Blogging.Features.Posts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlogModular.Browser.Tests;

/// <summary>The live pages show a page of items at a time; "Show more" adds the next page (keyset, as the API pages).</summary>
[Collection(BrowserGroup.Name)]
public sealed class PagingTests(BrowserFixture app)
{
    private const int PageSize = 20;

    [Fact]
    public async Task Board_To_Do_column_shows_the_rest_after_show_more()
    {
        // Requested a day ago, so they are the oldest in To Do, which lists oldest first.
        var batch = Guid.NewGuid().ToString("N")[..8];
        var titles = Titles($"Queued {batch}", PageSize + 5);
        var ids = await app.SeedApprovalRequestsAsync(titles, ReviewProgress.ToDo, DateTimeOffset.UtcNow.AddDays(-1));
        try
        {
            var reviewer = await app.NewPageAsync();
            await reviewer.LogInAsync(await app.CreateAccountAsync("Pia", reviewer: true));
            await reviewer.OpenBoardAsync();
            var column = reviewer.Locator("[data-column=ToDo]");

            await Expect(column.Locator(".card")).ToHaveCountAsync(PageSize);
            await Expect(column.Locator(".card").First).ToContainTextAsync(titles[0]);
            await Expect(Ui.BoardCard(reviewer, "ToDo", titles[PageSize - 1])).ToBeVisibleAsync();
            await Expect(Ui.BoardCard(reviewer, "ToDo", titles[PageSize])).ToHaveCountAsync(0);

            await column.GetByRole(AriaRole.Button, new() { Name = "Show more" }).ClickAsync();

            foreach (var title in titles[PageSize..])
            {
                await Expect(Ui.BoardCard(reviewer, "ToDo", title)).ToBeVisibleAsync();
            }
        }
        finally
        {
            await app.DeleteApprovalRequestsAsync(ids);
        }
    }

    [Fact]
    public async Task Board_Done_column_lists_the_latest_decision_first_and_older_ones_after_show_more()
    {
        // Decided one after another just now: the newest decisions on the board, the last one the latest.
        var batch = Guid.NewGuid().ToString("N")[..8];
        var titles = Titles($"Decided {batch}", PageSize + 1);
        await app.SeedApprovalRequestsAsync(titles, ReviewProgress.Done, DateTimeOffset.UtcNow);
        var reviewer = await app.NewPageAsync();
        await reviewer.LogInAsync(await app.CreateAccountAsync("Quinn", reviewer: true));
        await reviewer.OpenBoardAsync();
        var cards = reviewer.Locator("[data-column=Done] .card");

        await Expect(cards).ToHaveCountAsync(PageSize);
        await Expect(cards.Nth(0)).ToContainTextAsync(titles[^1]);
        await Expect(cards.Nth(1)).ToContainTextAsync(titles[^2]);
        await Expect(Ui.BoardCard(reviewer, "Done", titles[0])).ToHaveCountAsync(0);

        await reviewer.Locator("[data-column=Done]").GetByRole(AriaRole.Button, new() { Name = "Show more" }).ClickAsync();

        await Expect(cards.Nth(PageSize)).ToContainTextAsync(titles[0]);
    }

    [Fact]
    public async Task My_posts_shows_the_older_posts_after_show_more()
    {
        var email = await app.CreateAccountAsync("Rosa");
        var titles = Titles("Mine", PageSize + 1);
        await app.SeedPostsAsync(email, titles);
        var author = await app.NewPageAsync();
        await author.LogInAsync(email);

        await author.GotoAsync(PostsPages.Mine);

        var cards = author.Locator(".card");
        await Expect(cards).ToHaveCountAsync(PageSize);
        await Expect(cards.First).ToContainTextAsync(titles[^1]);
        await Expect(Ui.MyPost(author, titles[0])).ToHaveCountAsync(0);

        await author.GetByRole(AriaRole.Button, new() { Name = "Show more" }).ClickAsync();

        await Expect(cards).ToHaveCountAsync(PageSize + 1);
        await Expect(cards.Last).ToContainTextAsync(titles[0]);
        await Expect(author.GetByRole(AriaRole.Button, new() { Name = "Show more" })).ToHaveCountAsync(0);
    }

    private static List<string> Titles(string prefix, int count) =>
        [.. Enumerable.Range(1, count).Select(i => $"{prefix} #{i:00}")];
}
