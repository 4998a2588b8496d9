using System.Net;
using BlogModular.Blogging.Features.Posts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlogModular.Browser.Tests;

[Collection(BrowserGroup.Name)]
public sealed class NotFoundTests(BrowserFixture app)
{
    [Fact]
    public async Task Unknown_address_shows_the_not_found_page_with_status_404()
    {
        var visitor = await app.NewPageAsync();

        var response = await visitor.GotoAsync("/no-such-page");

        response!.Status.ShouldBe((int)HttpStatusCode.NotFound);
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await Expect(visitor.GetByRole(AriaRole.Link, new() { Name = "Back to the latest posts" })).ToBeVisibleAsync();
        // The layout is there too: the page is the site's, not a bare error.
        await Expect(visitor.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(visitor, "not-found");
    }

    [Fact]
    public async Task Post_page_of_an_unknown_or_unpublished_post_answers_404_with_the_not_found_page()
    {
        var waiting = await app.SubmitAsync($"Not yet {Guid.NewGuid():N}", "Waiting for review.");
        var visitor = await app.NewPageAsync();

        foreach (var id in new[] { Guid.NewGuid(), waiting.Id })
        {
            var response = await visitor.GotoAsync(PostsPages.For(id));

            response!.Status.ShouldBe((int)HttpStatusCode.NotFound, $"post {id}");
            await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
            await Expect(visitor.GetByText(waiting.Title)).ToHaveCountAsync(0);
        }
    }

    [Fact]
    public async Task Not_found_page_is_also_shown_after_an_enhanced_navigation_from_a_link()
    {
        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync(PostsPages.Feed);
        await visitor.EvaluateAsync("window.pageMarker = 7");

        // A link on the site to a post that does not exist: Blazor fetches it and shows the 404 page in place.
        await visitor.EvaluateAsync($"() => {{ const a = document.createElement('a'); a.href = '{PostsPages.For(Guid.NewGuid())}'; a.textContent = 'gone'; document.querySelector('main').append(a); }}");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "gone" }).ClickAsync();

        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        (await visitor.EvaluateAsync<int?>("window.pageMarker")).ShouldBe(7);
    }

    [Theory]
    [InlineData("/api/no-such-resource")]
    [InlineData("/api/posts/0194f1a0-0000-7000-8000-000000000000")]
    public async Task Unknown_api_address_still_answers_problem_details_not_the_page(string path)
    {
        var visitor = await app.NewPageAsync();

        var response = await visitor.APIRequest.GetAsync(path);

        response.Status.ShouldBe((int)HttpStatusCode.NotFound);
        response.Headers["content-type"].ShouldStartWith("application/problem+json");
        (await response.TextAsync()).ShouldNotContain("<html", Case.Insensitive);
    }
}
