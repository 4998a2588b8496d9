using BlogModular.Accounts.Domain;
using BlogModular.Approvals.Features.Reviews;
using BlogModular.Blogging.Features.Posts;
using BlogModular.BuildingBlocks.Security;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlogModular.Browser.Tests;

/// <summary>
/// A live page's circuit outlives the request that authorized it. A reviewer who loses the role, or an author who signs
/// out in another browser, sees the open page close within Accounts:Sessions:RevalidateAfter, and it shows and does
/// nothing more; a reload signs in afresh with the account as it is now.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class LivePageSessionTests(BrowserFixture app)
{
    [Fact]
    public async Task An_open_review_board_closes_when_its_reviewer_loses_the_role_and_a_reload_is_not_allowed()
    {
        var title = $"Waiting for a reviewer {Guid.NewGuid():N}";
        await app.SubmitAsync(title, "Content.", await app.UserIdAsync(await app.CreateAccountAsync("Lena")));
        var email = await app.CreateAccountAsync("Quinn", reviewer: true);
        var board = await app.NewPageAsync();
        await board.LogInAsync(email);
        await board.GotoAsync(ReviewPages.Board);
        var card = Ui.BoardCard(board, "ToDo", title);
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Process" })).ToBeVisibleAsync();

        await app.ChangeRoleAsync(email, Roles.Reviewer, RoleChangeKind.Removed);

        await Expect(board.GetByRole(AriaRole.Alert)).ToHaveTextAsync(LivePageAccess.Ended);
        await Expect(board.Locator("[data-column]")).ToHaveCountAsync(0);
        await board.ReloadAsync();
        await Expect(board.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_open_my_posts_page_closes_when_its_author_logs_out_in_another_browser()
    {
        var email = await app.CreateAccountAsync("Ada");
        var title = $"Mine until I log out {Guid.NewGuid():N}";
        await app.SubmitAsync(title, "Content.", await app.UserIdAsync(email));
        var mine = await app.NewPageAsync();
        await mine.LogInAsync(email);
        await mine.GotoAsync(PostsPages.Mine);
        await Expect(Ui.MyPost(mine, title)).ToBeVisibleAsync();

        var elsewhere = await app.NewPageAsync();
        await elsewhere.LogInAsync(email);
        await elsewhere.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();

        await Expect(mine.GetByRole(AriaRole.Alert)).ToHaveTextAsync(LivePageAccess.Ended);
        await Expect(Ui.MyPost(mine, title)).ToHaveCountAsync(0);
    }
}
