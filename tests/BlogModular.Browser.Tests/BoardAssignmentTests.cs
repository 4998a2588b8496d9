using BlogModular.Approvals.Domain;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlogModular.Browser.Tests;

/// <summary>
/// The board shows who has each review, flags requests waiting too long, lets another reviewer take one over, and marks
/// a reviewer's own posts without offering to review them.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class BoardAssignmentTests(BrowserFixture app)
{
    [Fact]
    public async Task An_old_request_is_flagged_overdue_and_a_fresh_one_is_not()
    {
        var old = $"Waiting since the day before yesterday {Guid.NewGuid():N}";
        var fresh = $"Just in {Guid.NewGuid():N}";
        // Older than OverdueAfter (24 h by default): written with a request time two days ago.
        var seeded = await app.SeedApprovalRequestsAsync([old], ReviewProgress.ToDo, DateTimeOffset.UtcNow.AddDays(-2));
        try
        {
            await app.SubmitAsync(fresh, "Fresh.");
            var reviewer = await app.NewPageAsync();
            await reviewer.LogInAsync(await app.CreateAccountAsync("Rita", reviewer: true));
            await reviewer.OpenBoardAsync();

            await Expect(Ui.BoardCard(reviewer, "ToDo", old).GetByText("Overdue", new() { Exact = true })).ToBeVisibleAsync();
            await Expect(Ui.BoardCard(reviewer, "ToDo", fresh)).ToBeVisibleAsync();
            await Expect(Ui.BoardCard(reviewer, "ToDo", fresh).GetByText("Overdue", new() { Exact = true })).ToHaveCountAsync(0);
        }
        finally
        {
            await app.DeleteApprovalRequestsAsync(seeded);
        }
    }

    [Fact]
    public async Task The_board_shows_the_assignee_and_a_second_reviewer_takes_the_review_over_and_decides()
    {
        var title = $"Taken over on the board {Guid.NewGuid():N}";
        await app.SubmitAsync(title, "Content.");
        var rita = await app.NewPageAsync();
        await rita.LogInAsync(await app.CreateAccountAsync("Rita", reviewer: true));
        await rita.OpenBoardAsync();
        await Ui.BoardCard(rita, "ToDo", title).GetByRole(AriaRole.Button, new() { Name = "Process" }).ClickAsync();
        var ritasCard = Ui.BoardCard(rita, "InProgress", title);
        await Expect(ritasCard).ToContainTextAsync("Assigned to you");

        var tom = await app.NewPageAsync();
        await tom.LogInAsync(await app.CreateAccountAsync("Tom", reviewer: true));
        await tom.OpenBoardAsync();
        var tomsCard = Ui.BoardCard(tom, "InProgress", title);
        await Expect(tomsCard).ToContainTextAsync("Assigned to Rita");
        await Expect(tomsCard.GetByRole(AriaRole.Button, new() { Name = "Approve" })).ToHaveCountAsync(0);
        await tomsCard.GetByRole(AriaRole.Button, new() { Name = "Take over" }).ClickAsync();
        await Expect(tomsCard).ToContainTextAsync("Assigned to you");

        // Rita's open board follows: the review is Tom's now, and her decide buttons are gone.
        await Expect(ritasCard).ToContainTextAsync("Assigned to Tom");
        await Expect(ritasCard.GetByRole(AriaRole.Button, new() { Name = "Take over" })).ToBeVisibleAsync();
        await Expect(ritasCard.GetByRole(AriaRole.Button, new() { Name = "Approve" })).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(rita, "review-board-taken-over");

        await tomsCard.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        var done = Ui.BoardCard(tom, "Done", title);
        await Expect(done).ToContainTextAsync("Approved");
        await done.GetByText("History").ClickAsync();
        await Expect(done.Locator(".timeline li")).ToHaveTextAsync([
            new System.Text.RegularExpressions.Regex("Requested$"),
            new System.Text.RegularExpressions.Regex("Started by Rita$"),
            new System.Text.RegularExpressions.Regex("Taken over by Tom from Rita$"),
            new System.Text.RegularExpressions.Regex("Approved by Tom$"),
        ]);
    }

    [Fact]
    public async Task A_reviewers_own_post_is_marked_as_theirs_and_offers_no_review_actions()
    {
        var own = $"Written by the reviewer {Guid.NewGuid():N}";
        var others = $"Written by someone else {Guid.NewGuid():N}";
        var email = await app.CreateAccountAsync("Rae", reviewer: true);
        await app.SubmitAsync(own, "Mine.", authorId: await app.UserIdAsync(email));
        await app.SubmitAsync(others, "Not mine.");
        var reviewer = await app.NewPageAsync();
        await reviewer.LogInAsync(email);
        await reviewer.OpenBoardAsync();

        var ownCard = Ui.BoardCard(reviewer, "ToDo", own);
        await Expect(ownCard.GetByText("Your post", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(ownCard.GetByRole(AriaRole.Button, new() { Name = "Process" })).ToHaveCountAsync(0);
        var othersCard = Ui.BoardCard(reviewer, "ToDo", others);
        await Expect(othersCard.GetByRole(AriaRole.Button, new() { Name = "Process" })).ToBeVisibleAsync();
        await Expect(othersCard.GetByText("Your post", new() { Exact = true })).ToHaveCountAsync(0);
    }
}
