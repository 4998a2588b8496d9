using System.Text.RegularExpressions;
using BlogModular.Approvals.Features.Reviews;
using BlogModular.Blogging.Features.Posts;
using BlogModular.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlogModular.Browser.Tests;

[Collection(BrowserGroup.Name)]
public sealed class ReaderAuthorReviewerTests(BrowserFixture app)
{
    [Fact]
    public async Task Signed_up_authors_post_approved_on_the_board_appears_on_the_home_page_for_an_anonymous_visitor()
    {
        var email = $"ada.{Guid.NewGuid():N}@example.test";
        var title = $"Hello from Ada {Guid.NewGuid():N}";

        // Sign up, then confirm through the link the mail sink received.
        var author = await app.NewPageAsync();
        await author.GotoAsync(AccountPages.SignUp);
        await BrowserFixture.ScreenshotAsync(author, "sign-up");
        await author.GetByLabel("E-mail").FillAsync(email);
        await author.GetByLabel("Name shown on your posts").FillAsync("Ada");
        await author.GetByLabel("Password").FillAsync(BrowserFixture.Password);
        await author.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await Expect(author.GetByRole(AriaRole.Status)).ToContainTextAsync("confirmation link");

        await author.GotoAsync(await app.ConfirmationLinkAsync(email));
        await Expect(author.GetByRole(AriaRole.Heading, new() { Name = "Your account is confirmed" })).ToBeVisibleAsync();

        await author.LogInAsync(email);
        await author.GotoAsync(PostsPages.Write);
        await BrowserFixture.ScreenshotAsync(author, "write-post");
        await author.WritePostAsync(title, "First line.\nSecond line.");

        // A reviewer processes and approves it.
        var reviewer = await app.NewPageAsync();
        await reviewer.LogInAsync(await app.CreateAccountAsync("Rita", reviewer: true));
        await reviewer.OpenBoardAsync();
        await reviewer.ReviewAsync(title, approve: true);
        await BrowserFixture.ScreenshotAsync(reviewer, "review-board");

        // The author's page follows the decision; then anyone sees the post.
        await Expect(Ui.MyPost(author, title)).ToContainTextAsync("Published");
        await BrowserFixture.ScreenshotAsync(author, "my-posts");

        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync(PostsPages.Feed);
        await visitor.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await Expect(visitor.Locator(".content")).ToHaveTextAsync("First line.\nSecond line.");
        await BrowserFixture.ScreenshotAsync(visitor, "post");
        await visitor.GotoAsync(PostsPages.Feed);
        await BrowserFixture.ScreenshotAsync(visitor, "home");
    }

    [Fact]
    public async Task Rejected_post_shows_the_reviewers_reason_to_its_author()
    {
        var title = $"Half-baked {Guid.NewGuid():N}";
        var author = await app.NewPageAsync();
        await author.LogInAsync(await app.CreateAccountAsync("Bo"));
        await author.WritePostAsync(title, "Not ready yet.");

        var reviewer = await app.NewPageAsync();
        await reviewer.LogInAsync(await app.CreateAccountAsync("Rex", reviewer: true));
        await reviewer.OpenBoardAsync();
        await reviewer.ReviewAsync(title, approve: false, reason: "Needs sources for the claims.");

        var post = Ui.MyPost(author, title);
        await Expect(post).ToContainTextAsync("Rejected");
        await Expect(post.Locator(".reason")).ToContainTextAsync("Needs sources for the claims.");
    }

    [Fact]
    public async Task Rejecting_without_a_reason_is_refused_on_the_board()
    {
        var title = $"No reason {Guid.NewGuid():N}";
        var author = await app.NewPageAsync();
        await author.LogInAsync(await app.CreateAccountAsync("Cy"));
        await author.WritePostAsync(title, "Text.");

        var reviewer = await app.NewPageAsync();
        await reviewer.LogInAsync(await app.CreateAccountAsync("Ria", reviewer: true));
        await reviewer.OpenBoardAsync();
        await Ui.BoardCard(reviewer, "ToDo", title).GetByRole(AriaRole.Button, new() { Name = "Process" }).ClickAsync();
        await Ui.BoardCard(reviewer, "InProgress", title).GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();

        await Expect(reviewer.GetByRole(AriaRole.Alert)).ToContainTextAsync("'reason' is required");
        await Expect(Ui.BoardCard(reviewer, "InProgress", title)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Open_board_shows_a_new_submission_without_a_reload()
    {
        var reviewer = await app.NewPageAsync();
        await reviewer.LogInAsync(await app.CreateAccountAsync("Ray", reviewer: true));
        await reviewer.OpenBoardAsync();
        // A full reload would drop this marker; a live update keeps it.
        await reviewer.EvaluateAsync("window.boardMarker = 42");

        var title = $"Fresh {Guid.NewGuid():N}";
        var author = await app.NewPageAsync();
        await author.LogInAsync(await app.CreateAccountAsync("Di"));
        await author.WritePostAsync(title, "Just submitted.");

        await Expect(Ui.BoardCard(reviewer, "ToDo", title)).ToBeVisibleAsync();
        (await reviewer.EvaluateAsync<int?>("window.boardMarker")).ShouldBe(42);
    }

    [Fact]
    public async Task Markup_in_a_post_is_shown_as_text_and_never_runs()
    {
        const string title = "<img src=x onerror=\"window.xss=1\">";
        const string content = "<script>window.xss=1</script><b>bold?</b>";
        var author = await app.NewPageAsync();
        await author.LogInAsync(await app.CreateAccountAsync("Eve"));
        await author.WritePostAsync(title, content);

        await Ui.MyPost(author, title).GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(author.Locator(".content")).ToHaveTextAsync(content);
        (await author.Locator("main img, main script, main b").CountAsync()).ShouldBe(0);
        (await author.EvaluateAsync<int?>("window.xss")).ShouldBeNull();

        var reviewer = await app.NewPageAsync();
        await reviewer.LogInAsync(await app.CreateAccountAsync("Ivy", reviewer: true));
        await reviewer.OpenBoardAsync();
        await Expect(Ui.BoardCard(reviewer, "ToDo", title)).ToBeVisibleAsync();
        (await reviewer.Locator("main img, main script, main b").CountAsync()).ShouldBe(0);
        (await reviewer.EvaluateAsync<int?>("window.xss")).ShouldBeNull();
    }

    [Fact]
    public async Task An_author_who_is_not_a_reviewer_cannot_reach_the_board()
    {
        var author = await app.NewPageAsync();
        await author.LogInAsync(await app.CreateAccountAsync("Finn"));
        await Expect(author.GetByRole(AriaRole.Link, new() { Name = "Review board" })).ToHaveCountAsync(0);

        await author.GotoAsync(ReviewPages.Board);

        await Expect(author).ToHaveURLAsync(new Regex(Regex.Escape(AccountPages.Denied)));
        await Expect(author.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
        await Expect(author.GetByRole(AriaRole.Heading, new() { Name = "Review board" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Anonymous_visitor_is_sent_to_log_in_for_the_board_and_the_write_page()
    {
        var visitor = await app.NewPageAsync();
        foreach (var path in new[] { ReviewPages.Board, PostsPages.Write })
        {
            await visitor.GotoAsync(path);
            await Expect(visitor).ToHaveURLAsync(new Regex(Regex.Escape(AccountPages.Login)));
            await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Log in" })).ToBeVisibleAsync();
        }

        await BrowserFixture.ScreenshotAsync(visitor, "log-in");
    }

    [Fact]
    public async Task Write_form_shows_a_validation_message_next_to_each_empty_field()
    {
        var author = await app.NewPageAsync();
        await author.LogInAsync(await app.CreateAccountAsync("Gus"));
        await author.GotoAsync(PostsPages.Write);

        await author.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();

        await Expect(author.Locator(".field", new() { Has = author.GetByLabel("Title") })).ToContainTextAsync("'title' is required.");
        await Expect(author.Locator(".field", new() { Has = author.GetByLabel("Content") })).ToContainTextAsync("'content' is required.");
        await Expect(author).ToHaveURLAsync(new Regex($"{PostsPages.Write}$"));
    }

    [Fact]
    public async Task Home_page_fits_a_phone_screen()
    {
        var phone = await app.NewPageAsync(width: 390, height: 844);
        await phone.GotoAsync(PostsPages.Feed);
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Latest posts" })).ToBeVisibleAsync();

        (await phone.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        await BrowserFixture.ScreenshotAsync(phone, "home-phone");
    }

    [Fact]
    public async Task Home_page_pages_through_published_posts_with_older_posts()
    {
        // One more than a page; published oldest first, so the first one is the one pushed to page two.
        var batch = Guid.NewGuid().ToString("N")[..8];
        var titles = Enumerable.Range(1, 11).Select(i => $"Paged {batch} #{i:00}").ToList();
        foreach (var title in titles)
        {
            await app.PublishAsync(title, "Paging.");
        }

        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync(PostsPages.Feed);
        var cards = visitor.Locator(".card");
        await Expect(cards).ToHaveCountAsync(10);
        await Expect(cards.First).ToContainTextAsync(titles[^1]);
        await Expect(visitor.GetByRole(AriaRole.Link, new() { Name = titles[0] })).ToHaveCountAsync(0);

        await visitor.GetByRole(AriaRole.Link, new() { Name = "Older posts" }).ClickAsync();

        await Expect(visitor).ToHaveURLAsync(new Regex(@"\?after="));
        await Expect(cards.First).ToContainTextAsync(titles[0]);
        await Expect(visitor.GetByRole(AriaRole.Link, new() { Name = titles[^1] })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Log_out_ends_the_browser_session()
    {
        var author = await app.NewPageAsync();
        await author.LogInAsync(await app.CreateAccountAsync("Hal"));

        await author.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();

        await Expect(author.GetByRole(AriaRole.Link, new() { Name = "Log in" })).ToBeVisibleAsync();
        await author.GotoAsync(PostsPages.Write);
        await Expect(author).ToHaveURLAsync(new Regex(Regex.Escape(AccountPages.Login)));
    }
}
