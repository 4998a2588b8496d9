using System.Text.RegularExpressions;
using BlogModular.Blogging.Features.Posts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlogModular.Browser.Tests;

[Collection(BrowserGroup.Name)]
public sealed class RevisionPageTests(BrowserFixture app)
{
    [Fact]
    public async Task A_rejected_post_edited_by_its_author_goes_back_to_the_board_and_is_published_when_approved()
    {
        var first = $"Rough draft {Guid.NewGuid():N}";
        var second = $"Polished {Guid.NewGuid():N}";
        var author = await app.NewPageAsync();
        await author.LogInAsync(await app.CreateAccountAsync("Edda"));
        await author.WritePostAsync(first, "Too short.");

        var reviewer = await app.NewPageAsync();
        await reviewer.LogInAsync(await app.CreateAccountAsync("Rune", reviewer: true));
        await reviewer.OpenBoardAsync();
        await reviewer.ReviewAsync(first, approve: false, reason: "Say more.");

        // The author edits from "My posts": the form holds the rejected revision.
        var card = Ui.MyPost(author, first);
        await Expect(card).ToContainTextAsync("Rejected");
        await card.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await Expect(author.GetByRole(AriaRole.Heading, new() { Name = "Edit your post" })).ToBeVisibleAsync();
        await Expect(author.GetByLabel("Title")).ToHaveValueAsync(first);
        await Expect(author.GetByLabel("Content (Markdown)")).ToHaveValueAsync("Too short.");
        await author.GetByLabel("Title").FillAsync(second);
        await author.GetByLabel("Content (Markdown)").FillAsync("Long enough, **with** detail.");
        await author.GetByRole(AriaRole.Button, new() { Name = "Submit the edit for review" }).ClickAsync();

        await Expect(author).ToHaveURLAsync(new Regex("/posts/[0-9a-f-]+$"));
        await Expect(author.GetByRole(AriaRole.Heading, new() { Name = second })).ToBeVisibleAsync();
        await Expect(author.Locator(".meta .status")).ToHaveTextAsync("Waiting for review");
        var timeline = author.GetByRole(AriaRole.Region, new() { Name = "Review timeline" });
        await Expect(timeline.GetByRole(AriaRole.Heading, new() { Name = "Revision 1" })).ToBeVisibleAsync();
        await Expect(timeline.GetByRole(AriaRole.Heading, new() { Name = "Revision 2" })).ToBeVisibleAsync();
        await Expect(timeline).ToContainTextAsync("Rejected");
        await BrowserFixture.ScreenshotAsync(author, "post-revised");

        // The board shows the new revision to review; approving publishes it.
        await Expect(Ui.BoardCard(reviewer, "ToDo", second)).ToContainTextAsync("revision 2");
        await reviewer.ReviewAsync(second, approve: true);

        var visitor = await app.NewPageAsync();
        await Testing.Eventually.HoldsAsync(
            async () =>
            {
                await visitor.GotoAsync(PostsPages.Feed);
                return await visitor.GetByRole(AriaRole.Link, new() { Name = second }).CountAsync() == 1;
            },
            TimeSpan.FromSeconds(30),
            "the approved revision on the home page");
        await Expect(visitor.GetByRole(AriaRole.Link, new() { Name = first })).ToHaveCountAsync(0);
        await visitor.GetByRole(AriaRole.Link, new() { Name = second }).ClickAsync();
        await Expect(visitor.Locator(".content strong")).ToHaveTextAsync("with");
    }
}
