using System.Net;
using BlogModular.Blogging.Features.Posts;
using BlogModular.Browser.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlogModular.Deployment.Tests;

/// <summary>
/// The web UI of a split deployment through the nginx front door, in Chromium: Blogging's pages and the host's
/// come from the Blogging process, the review board and its circuit from the Approvals process, one base URL.
/// </summary>
[Collection(DeploymentGroup.Name)]
public sealed class SplitUiTests(Deployment deployment) : IAsyncLifetime
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    private string BaseUrl => deployment.FrontDoor.BaseAddress!.ToString().TrimEnd('/');

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    [Fact]
    public async Task Post_written_and_approved_through_the_front_door_reaches_the_home_page()
    {
        var title = $"Through the front door {Guid.NewGuid():N}";

        var visitor = await _browser.NewPageAsync(BaseUrl);
        var home = await visitor.GotoAsync(PostsPages.Feed);
        home!.Status.ShouldBe((int)HttpStatusCode.OK);
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Latest posts" })).ToBeVisibleAsync();

        // Signed in at the Blogging process; the same cookie opens the board at the Approvals process.
        var reviewer = await _browser.NewPageAsync(BaseUrl);
        await reviewer.LogInAsync(Deployment.ReviewerEmail);
        await reviewer.GetByRole(AriaRole.Link, new() { Name = "Review board" }).ClickAsync();
        await Expect(reviewer.GetByRole(AriaRole.Heading, new() { Name = "Review board" })).ToBeVisibleAsync();
        await reviewer.EvaluateAsync("window.boardMarker = 42");

        var author = await _browser.NewPageAsync(BaseUrl);
        await author.LogInAsync(Deployment.AuthorEmail);
        await author.WritePostAsync(title, "Written behind nginx.");

        // Live: the board's circuit (on the Approvals process) shows the submission without a reload.
        await Expect(Ui.BoardCard(reviewer, "ToDo", title)).ToBeVisibleAsync();
        (await reviewer.EvaluateAsync<int?>("window.boardMarker")).ShouldBe(42);
        await reviewer.ReviewAsync(title, approve: true);

        // The author's live page (its circuit on the Blogging process) follows the decision.
        await Expect(Ui.MyPost(author, title)).ToContainTextAsync("Published");

        await visitor.ReloadAsync();
        await visitor.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Unknown_page_through_the_front_door_is_the_not_found_page_with_404()
    {
        var visitor = await _browser.NewPageAsync(BaseUrl);

        var response = await visitor.GotoAsync("/no-such-page");

        response!.Status.ShouldBe((int)HttpStatusCode.NotFound);
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
    }
}
