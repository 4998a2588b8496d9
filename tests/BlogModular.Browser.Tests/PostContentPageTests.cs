using BlogModular.Blogging.Features.Posts;
using BlogModular.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlogModular.Browser.Tests;

/// <summary>A post's Markdown on its page: formatted, and nothing an author writes runs in a reader's browser.</summary>
[Collection(BrowserGroup.Name)]
public sealed class PostContentPageTests(BrowserFixture app)
{
    [Fact]
    public async Task A_published_post_made_of_the_xss_corpus_runs_no_script_and_carries_no_event_handler()
    {
        var title = $"Hostile {Guid.NewGuid():N}";
        var post = await app.PublishAsync(title, string.Join("\n\n", MarkdownCorpus.Xss) + "\n\n**still formatted**", category: "engineering");

        var visitor = await app.NewPageAsync();
        var dialogs = new List<string>();
        visitor.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        await visitor.GotoAsync(PostsPages.For(post.Id));
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await Expect(visitor.Locator(".content strong", new() { HasText = "still formatted" })).ToBeVisibleAsync();
        await Expect(visitor.Locator(".meta a.category")).ToHaveTextAsync("Engineering");
        // Give anything that loads late (images, autofocus) a moment to fire.
        await visitor.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await visitor.WaitForTimeoutAsync(500);

        dialogs.ShouldBeEmpty();
        (await visitor.EvaluateAsync<bool>("() => typeof window.__xss === 'undefined'")).ShouldBeTrue();
        var handlers = await visitor.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes].filter(a => a.name.toLowerCase().startsWith('on')).map(a => e.tagName + ' ' + a.name))");
        handlers.ShouldBeEmpty();
        (await visitor.Locator(".content script, .content style, .content iframe, .content object, .content embed, .content form, .content svg, .content math, .content [style]").CountAsync())
            .ShouldBe(0);
    }

    [Fact]
    public async Task The_feed_shows_summaries_with_category_links_that_lead_to_the_category_page()
    {
        var title = $"Filed under culture {Guid.NewGuid():N}";
        await app.PublishAsync(title, "A *short* piece about how teams work.", category: "culture");

        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync(PostsPages.Feed);
        var card = visitor.Locator(".card", new() { Has = visitor.GetByRole(AriaRole.Link, new() { Name = title }) });
        await Expect(card.Locator(".excerpt")).ToHaveTextAsync("A short piece about how teams work.");
        await card.GetByRole(AriaRole.Link, new() { Name = "Culture", Exact = true }).ClickAsync();

        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Culture", Level = 1 })).ToBeVisibleAsync();
        await Expect(visitor.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
    }
}
