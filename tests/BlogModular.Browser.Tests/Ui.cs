using BlogModular.Approvals.Features.Reviews;
using BlogModular.Blogging.Features.Posts;
using BlogModular.Accounts;
using BlogModular.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlogModular.Browser.Tests;

/// <summary>
/// What a person does in the UI, step by step, through labels and button names as they read them.
/// Shared with the deployment tests (linked source).
/// </summary>
public static class Ui
{
    public static async Task LogInAsync(this IPage page, string email, string password = TestAccounts.Password)
    {
        await page.GotoAsync(AccountPages.Login);
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log out" })).ToBeVisibleAsync();
    }

    /// <summary>Writes a post and lands on "My posts", where it waits for review.</summary>
    public static async Task WritePostAsync(this IPage page, string title, string content)
    {
        await page.GotoAsync(PostsPages.Write);
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Category").SelectOptionAsync("general");
        await page.GetByLabel("Content").FillAsync(content);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"{PostsPages.Mine}$"));
        await Expect(MyPost(page, title)).ToContainTextAsync("Waiting for review");
    }

    public static ILocator MyPost(IPage page, string title) => page.Locator(".card", new() { HasText = title });

    /// <summary>The card of <paramref name="title"/> in a board column: ToDo, InProgress or Done.</summary>
    public static ILocator BoardCard(IPage page, string column, string title) =>
        page.Locator($"[data-column={column}] .card", new() { HasText = title });

    public static async Task OpenBoardAsync(this IPage page)
    {
        await page.GotoAsync(ReviewPages.Board);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Review board" })).ToBeVisibleAsync();
    }

    /// <summary>Process on To Do, then the decision on In Progress; the card ends in Done with the outcome.</summary>
    public static async Task ReviewAsync(this IPage board, string title, bool approve, string? reason = null)
    {
        await BoardCard(board, "ToDo", title).GetByRole(AriaRole.Button, new() { Name = "Process" }).ClickAsync();
        var inProgress = BoardCard(board, "InProgress", title);
        if (reason is not null)
        {
            await inProgress.GetByLabel("Reason").FillAsync(reason);
        }

        await inProgress.GetByRole(AriaRole.Button, new() { Name = approve ? "Approve" : "Reject" }).ClickAsync();
        await Expect(BoardCard(board, "Done", title)).ToContainTextAsync(approve ? "Approved" : "Rejected");
    }
}
