using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BlogModular.Blogging.Domain;
using BlogModular.Blogging.Features.Categories;
using BlogModular.Blogging.Features.Posts;
using BlogModular.BuildingBlocks.Web;
using BlogModular.Testing;

namespace BlogModular.EndToEnd.Tests;

/// <summary>
/// Full-text search of published posts (<c>GET /api/posts?q=</c>), through HTTP, PostgreSQL and Kafka. Each test
/// searches for words of its own, so posts other tests leave behind never match.
/// </summary>
[Collection(HostGroup.Name)]
public sealed class PostSearchTests(AppFixture app) : IAsyncLifetime
{
    private Api _author = null!;
    private Api _reviewer = null!;
    private Api _anonymous = null!;

    public async Task InitializeAsync()
    {
        _author = await app.SignedInAsync("Sam");
        _reviewer = await app.SignedInAsync("Rae", reviewer: true);
        _anonymous = new Api(app.Host.Server.CreateClient());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_published_post_is_found_by_a_word_of_its_title_its_summary_or_its_content()
    {
        var (inTitle, inSummary, inContent) = (Word(), Word(), Word());
        var post = await PublishAsync(title: $"Notes on {inTitle}", summary: $"About {inSummary} mostly.", content: $"The {inContent} was here.");

        foreach (var word in new[] { inTitle, inSummary, inContent, $"{inTitle} {inContent}" })
        {
            (await SearchAsync(word)).Items.Select(p => p.Id).ShouldBe([post.Id], word);
        }

        var found = (await SearchAsync(inTitle)).Items.Single();
        found.Content.ShouldBeNull("results are summaries, like the feed");
        found.Summary.ShouldBe($"About {inSummary} mostly.");
        found.Category.Slug.ShouldBe("general");
        (await SearchAsync($"{inTitle} {Word()}")).Items.ShouldBeEmpty("every word must match");
    }

    [Fact]
    public async Task A_title_match_ranks_above_a_summary_match_above_a_content_only_match_whatever_their_age()
    {
        var word = Word();
        var inTitle = await PublishAsync(title: $"The {word} story", summary: "Nothing else.", content: "Plain text.");
        var inSummary = await PublishAsync(title: "Another story", summary: $"With {word} inside.", content: "Plain text.");
        var inContent = await PublishAsync(title: "A third story", summary: "Nothing else.", content: $"Deep down, {word}.");

        (await SearchAsync(word)).Items.Select(p => p.Id).ShouldBe([inTitle.Id, inSummary.Id, inContent.Id]);
    }

    /// <summary>Only the title and summary are ranked (ADR 0018): the content decides whether a post matches, not how well.</summary>
    [Fact]
    public async Task Content_only_matches_come_newest_first_however_often_they_repeat_the_word()
    {
        var word = Word();
        var older = await PublishAsync(title: "Older", summary: "Nothing else.", content: $"{word}, {word} and {word} again.");
        var newer = await PublishAsync(title: "Newer", summary: "Nothing else.", content: $"Once: {word}.");

        (await IdsAsync(word)).ShouldBe([newer.Id, older.Id]);
    }

    [Fact]
    public async Task Web_search_syntax_finds_phrases_excludes_words_and_takes_alternatives()
    {
        var (first, second, third) = (Word(), Word(), Word());
        // Own summaries: a derived one repeats the content, and a phrase may span the end of one field and the start of the next.
        var adjacent = await PublishAsync(title: "Adjacent", summary: "One.", content: $"{first} {second} together.");
        var apart = await PublishAsync(title: "Apart", summary: "Two.", content: $"{second} comes before {first} in this text.");
        var other = await PublishAsync(title: "Other", summary: "Three.", content: $"{first} with {third}.");

        (await IdsAsync($"\"{first} {second}\"")).ShouldBe([adjacent.Id]);
        (await IdsAsync($"{first} -{third}")).ShouldBe([adjacent.Id, apart.Id], ignoreOrder: true);
        (await IdsAsync($"{second} {third}")).ShouldBeEmpty();
        (await IdsAsync($"{second} or {third}")).ShouldBe([adjacent.Id, apart.Id, other.Id], ignoreOrder: true);
    }

    [Fact]
    public async Task A_search_combines_with_a_category_and_pages_with_its_cursor_newest_first_among_equal_ranks()
    {
        var word = Word();
        var slug = await NewCategoryAsync();
        var posts = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            posts.Add((await PublishAsync(title: "Same", content: $"Text with {word}.", category: slug)).Id);
        }

        var elsewhere = await PublishAsync(title: "Same", content: $"Text with {word}.");

        var first = await _anonymous.FeedAsync($"?q={word}&category={slug}&limit=2");
        first.Items.Select(p => p.Id).ShouldBe([posts[2], posts[1]]);
        first.Next.ShouldNotBeNull();
        var second = await _anonymous.FeedAsync($"?q={word}&category={slug}&limit=2&after={Uri.EscapeDataString(first.Next)}");
        second.Items.Select(p => p.Id).ShouldBe([posts[0]]);
        second.Next.ShouldBeNull();

        (await IdsAsync(word)).ShouldBe([elsewhere.Id, .. posts.AsEnumerable().Reverse()]);
    }

    /// <summary>Only published posts are searched: text awaiting review, or rejected, is never found.</summary>
    [Fact]
    public async Task Search_never_finds_unpublished_or_rejected_posts()
    {
        var word = Word();
        var awaiting = await _author.CreatePostAsync(title: $"Awaiting {word}", content: $"Unreviewed {word} text.");
        var rejected = await _author.CreatePostAsync(title: $"Rejected {word}", content: $"Refused {word} text.");
        var request = await _reviewer.WaitForApprovalRequestAsync(rejected.Id);
        await _reviewer.StartAsync(request.Id);
        await _reviewer.DecideAsync(request.Id, "Rejected", "Not this one.");
        await _author.WaitForPostAsync(rejected.Id, p => p.Status == PostStatus.Rejected);
        var published = await PublishAsync(title: $"Published {word}", content: $"Approved {word} text.");

        (await IdsAsync(word)).ShouldBe([published.Id]);
        (await _reviewer.FeedAsync($"?q={word}")).Items.Select(p => p.Id).ShouldBe([published.Id], "a reviewer's search is the same");
        (await _author.GetPostAsync(awaiting.Id))!.Status.ShouldBe(PostStatus.Submitted);
    }

    /// <summary>An edit of a published post is searchable only once approved; until then its published text is.</summary>
    [Fact]
    public async Task Search_never_finds_the_text_of_a_pending_revision_until_it_is_approved()
    {
        var (before, after) = (Word(), Word());
        var published = await PublishAsync(title: $"Live {before}", content: $"Published {before} text.");

        await _author.ReviseAsync(published.Id, 1, $"Edited {after}", $"Pending {after} text.");

        (await IdsAsync(after)).ShouldBeEmpty("a pending revision is not public");
        (await IdsAsync(before)).ShouldBe([published.Id], "the published text stays searchable");

        var request = await _reviewer.WaitForApprovalRequestAsync(published.Id, revision: 2);
        await _reviewer.StartAsync(request.Id);
        await _reviewer.DecideAsync(request.Id, "Approved");
        await _anonymous.WaitForPostAsync(published.Id, p => p.Revision == 2);

        (await IdsAsync(after)).ShouldBe([published.Id]);
        (await IdsAsync(before)).ShouldBeEmpty("the replaced text is gone from the index");
    }

    [Fact]
    public async Task A_query_of_stop_words_or_punctuation_only_is_an_empty_page_and_a_blank_one_is_the_feed()
    {
        await PublishAsync(title: "The and of", content: "To be or not to be.");
        await PublishAsync(title: "Is it", content: "It is.");

        foreach (var q in new[] { "the", "to be or not to be", "!!!", "\"\"", "-", "or", "- or -", "'", "&|!():*" })
        {
            var response = await _anonymous.Http.GetAsync($"{PostRoutes.Posts}?q={Uri.EscapeDataString(q)}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, q);
            (await response.Content.ReadFromJsonAsync<Page<PostResponse>>())!.Items.ShouldBeEmpty(q);
        }

        var feed = await _anonymous.FeedAsync("?limit=1");
        (await _anonymous.FeedAsync("?limit=1&q=%20%20")).Items.Select(p => p.Id).ShouldBe(feed.Items.Select(p => p.Id));
        (await _anonymous.FeedAsync($"?limit=1&q=&after={Uri.EscapeDataString(feed.Next!)}")).Items.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_too_long_query_or_a_cursor_of_another_list_is_a_400_problem()
    {
        await ShouldBeInvalidAsync($"?q={new string('a', PostSearch.MaxQueryLength + 1)}", "q");
        await ShouldBeInvalidAsync("?q=a%00b", "q");
        var feedCursor = new KeysetCursor(DateTimeOffset.UtcNow, Guid.NewGuid()).Encode();
        await ShouldBeInvalidAsync($"?q=word&after={feedCursor}", "after");
        var searchCursor = new SearchCursor(0.5f, DateTimeOffset.UtcNow, Guid.NewGuid()).Encode();
        await ShouldBeInvalidAsync($"?after={searchCursor}", "after");

        (await _anonymous.Http.GetAsync($"{PostRoutes.Posts}?q={new string('a', PostSearch.MaxQueryLength)}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_search_parameter()
    {
        var document = JsonNode.Parse(await _anonymous.Http.GetStringAsync("/openapi/v1.json"))!;
        var parameters = document["paths"]![PostRoutes.Posts]!["get"]!["parameters"]!.AsArray();

        var q = parameters.Single(p => (string?)p!["name"] == "q")!;
        q["in"]!.GetValue<string>().ShouldBe("query");
        q["description"]!.GetValue<string>().ShouldBe(ListPublishedPostsEndpoint.QueryDescription);
    }

    /// <summary>A word no other test (nor the English dictionary) uses: letters only, so the parser keeps it whole.</summary>
    private static string Word() => "zq" + string.Concat(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));

    private async Task<Page<PostResponse>> SearchAsync(string q) => await _anonymous.FeedAsync($"?q={Uri.EscapeDataString(q)}");

    private async Task<IReadOnlyList<Guid>> IdsAsync(string q) => [.. (await SearchAsync(q)).Items.Select(p => p.Id)];

    private async Task<PostResponse> PublishAsync(string title, string content, string category = "general", string? summary = null)
    {
        var post = await _author.CreatePostAsync(title: title, content: content, category: category, summary: summary);
        var request = await _reviewer.WaitForApprovalRequestAsync(post.Id);
        await _reviewer.StartAsync(request.Id);
        await _reviewer.DecideAsync(request.Id, "Approved");
        return await _anonymous.WaitForPostAsync(post.Id, p => p.PublishedAt is not null);
    }

    private async Task<string> NewCategoryAsync()
    {
        var response = await _reviewer.Http.PostAsJsonAsync(CategoryRoutes.Categories, new { name = $"Search {Guid.NewGuid():N}"[..30] });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<CategoryResponse>())!.Slug;
    }

    private async Task ShouldBeInvalidAsync(string query, string field)
    {
        var response = await _anonymous.Http.GetAsync(PostRoutes.Posts + query);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, query);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        problem["errors"]![field].ShouldNotBeNull(problem.ToJsonString());
    }
}
