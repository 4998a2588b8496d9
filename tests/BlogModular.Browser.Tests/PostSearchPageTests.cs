using BlogModular.Blogging.Features.Posts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlogModular.Browser.Tests;

/// <summary>The search box of the feed and category pages: results in the address, summaries as cards, a clear "none".</summary>
[Collection(BrowserGroup.Name)]
public sealed class PostSearchPageTests(BrowserFixture app)
{
    [Fact]
    public async Task Searching_from_the_feed_shows_the_matching_post_and_not_the_others()
    {
        var word = "zq" + string.Concat(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));
        var matching = $"Found by search {Guid.NewGuid():N}";
        var other = $"Not found by search {Guid.NewGuid():N}";
        await app.PublishAsync(matching, $"A piece that mentions {word} once.");
        await app.PublishAsync(other, "A piece about something else entirely.");

        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync(PostsPages.Feed);
        await Expect(visitor.GetByRole(AriaRole.Link, new() { Name = other })).ToBeVisibleAsync();
        await visitor.GetByRole(AriaRole.Searchbox, new() { Name = "Search posts" }).FillAsync(word);
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Search results", Level = 1 })).ToBeVisibleAsync();
        await Expect(visitor.GetByRole(AriaRole.Link, new() { Name = matching })).ToBeVisibleAsync();
        await Expect(visitor.GetByRole(AriaRole.Link, new() { Name = other })).ToHaveCountAsync(0);
        await Expect(visitor.GetByRole(AriaRole.Searchbox, new() { Name = "Search posts" })).ToHaveValueAsync(word);
        new Uri(visitor.Url).Query.ShouldBe($"?q={word}");

        await visitor.GetByRole(AriaRole.Searchbox, new() { Name = "Search posts" }).FillAsync($"{word} {word}x");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(visitor.Locator(".empty")).ToHaveTextAsync($"No posts match \u201c{word} {word}x\u201d.");
    }

    [Fact]
    public async Task A_category_page_searches_its_own_posts_only()
    {
        var word = "zq" + string.Concat(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));
        var inCulture = $"Culture search {Guid.NewGuid():N}";
        var inGeneral = $"General search {Guid.NewGuid():N}";
        await app.PublishAsync(inCulture, $"About {word}.", category: "culture");
        await app.PublishAsync(inGeneral, $"Also about {word}.");

        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync(PostsPages.ForCategory("culture"));
        await visitor.GetByRole(AriaRole.Searchbox, new() { Name = "Search posts" }).FillAsync(word);
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        await Expect(visitor.GetByRole(AriaRole.Link, new() { Name = inCulture })).ToBeVisibleAsync();
        await Expect(visitor.GetByRole(AriaRole.Link, new() { Name = inGeneral })).ToHaveCountAsync(0);
        new Uri(visitor.Url).AbsolutePath.ShouldBe(PostsPages.ForCategory("culture"));
    }
}
