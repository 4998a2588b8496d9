using BlogModular.Accounts;
using BlogModular.Blogging.Features.Posts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlogModular.Browser.Tests;

/// <summary>
/// The Content-Security-Policy allows no inline script: the pages, the live board (blazor.web.js, its circuit over a
/// WebSocket) and the API reference still work under it, and Chromium reports no violation on any of them.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class ContentSecurityPolicyTests(BrowserFixture app)
{
    [Fact]
    public async Task The_pages_and_the_live_board_work_under_the_policy_without_a_violation()
    {
        var title = $"Under the policy {Guid.NewGuid():N}";
        var violations = new List<string>();
        var author = await app.NewPageAsync();
        Watch(author, violations);
        await author.GotoAsync(PostsPages.Feed);
        await author.GotoAsync(AccountPages.SignUp);
        await author.LogInAsync(await app.CreateAccountAsync("Cyd"));
        await author.WritePostAsync(title, "Written under a strict policy.");

        var reviewer = await app.NewPageAsync();
        Watch(reviewer, violations);
        await reviewer.LogInAsync(await app.CreateAccountAsync("Rae", reviewer: true));
        await reviewer.OpenBoardAsync();
        await reviewer.ReviewAsync(title, approve: true);
        await Expect(Ui.MyPost(author, title)).ToContainTextAsync("Published");

        violations.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_api_reference_renders_under_its_own_policy()
    {
        var violations = new List<string>();
        var page = await app.NewPageAsync();
        Watch(page, violations);

        await page.GotoAsync("/scalar/");

        await Expect(page.GetByText("BlogModular API").First).ToBeVisibleAsync();
        violations.ShouldBeEmpty();
    }

    /// <summary>Chromium logs each blocked script, style, connection or frame as a console error naming the policy.</summary>
    private static void Watch(IPage page, List<string> violations) =>
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (violations)
                {
                    violations.Add(message.Text);
                }
            }
        };
}
