using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BlogModular.Blogging.Features.Categories;
using BlogModular.Blogging.Features.Posts;
using BlogModular.Testing;

namespace BlogModular.EndToEnd.Tests;

/// <summary>Categories, summaries and Markdown content, through HTTP, PostgreSQL and Kafka.</summary>
[Collection(HostGroup.Name)]
public sealed class PostContentTests(AppFixture app) : IAsyncLifetime
{
    private Api _author = null!;
    private Api _reviewer = null!;
    private Api _anonymous = null!;

    public async Task InitializeAsync()
    {
        _author = await app.SignedInAsync("Ann");
        _reviewer = await app.SignedInAsync("Rita", reviewer: true);
        _anonymous = new Api(app.Host.Server.CreateClient());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Everyone_lists_the_seeded_active_categories()
    {
        var list = (await _anonymous.Http.GetFromJsonAsync<CategoryList>(CategoryRoutes.Categories))!;

        list.Items.Select(c => c.Slug).ShouldContain("general");
        list.Items.Select(c => c.Slug).ShouldContain("engineering");
        list.Items.Select(c => c.Slug).ShouldContain("culture");
    }

    [Fact]
    public async Task A_reviewer_adds_renames_and_archives_a_category_and_others_may_not()
    {
        var name = $"Release Notes {Guid.NewGuid():N}"[..30];
        (await _author.Http.PostAsJsonAsync(CategoryRoutes.Categories, new { name })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _anonymous.Http.PostAsJsonAsync(CategoryRoutes.Categories, new { name })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var created = await _reviewer.Http.PostAsJsonAsync(CategoryRoutes.Categories, new { name = $"  {name}  " });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var category = (await created.Content.ReadFromJsonAsync<CategoryResponse>())!;
        category.Slug.ShouldStartWith("release-notes-");
        category.Name.ShouldBe(name);
        created.Headers.Location!.ToString().ShouldBe(CategoryRoutes.For(category.Slug));

        var duplicate = await _reviewer.Http.PostAsJsonAsync(CategoryRoutes.Categories, new { name = name.ToUpperInvariant() });
        duplicate.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        duplicate.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        (await _author.Http.PutAsJsonAsync(CategoryRoutes.For(category.Slug), new { name = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var renamed = await _reviewer.Http.PutAsJsonAsync(CategoryRoutes.For(category.Slug), new { name = name + "!" });
        renamed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await renamed.Content.ReadFromJsonAsync<CategoryResponse>())!.ShouldBe(new CategoryResponse(category.Slug, name + "!", false));
        (await _reviewer.Http.PutAsJsonAsync(CategoryRoutes.For(category.Slug), new { name = "General" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await _reviewer.Http.PutAsJsonAsync(CategoryRoutes.For("no-such-category"), new { name = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var kept = await _author.CreatePostAsync(title: "Filed before archiving", category: category.Slug);
        (await _author.Http.PostAsync(CategoryRoutes.ArchiveFor(category.Slug), null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _reviewer.Http.PostAsync(CategoryRoutes.ArchiveFor(category.Slug), null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await _anonymous.Http.GetFromJsonAsync<CategoryList>(CategoryRoutes.Categories))!.Items.ShouldNotContain(c => c.Slug == category.Slug);
        (await _author.GetPostAsync(kept.Id))!.Category.Slug.ShouldBe(category.Slug);
        await ShouldRefuseAsync(new { title = "Into the archive", category = category.Slug, content = "c" }, "category");
    }

    [Fact]
    public async Task An_unknown_or_missing_category_or_a_long_summary_is_refused_and_nothing_is_saved()
    {
        var before = await app.ScalarAsync<long>("SELECT count(*) FROM blogging.posts");

        await ShouldRefuseAsync(new { title = "t", category = "no-such-category", content = "c" }, "category");
        await ShouldRefuseAsync(new { title = "t", content = "c" }, "category");
        await ShouldRefuseAsync(new { title = "t", category = "general", summary = new string('s', 301), content = "c" }, "summary");

        (await app.ScalarAsync<long>("SELECT count(*) FROM blogging.posts")).ShouldBe(before);
    }

    [Fact]
    public async Task The_post_resource_has_summary_category_revision_markdown_and_sanitized_html()
    {
        var content = "# Hello\n\nSome **bold** text and <script>window.__xss=1</script> and [x](javascript:alert(1)). " + string.Join(' ', Enumerable.Repeat("word", 60));
        var created = await _author.Http.PostAsJsonAsync(PostRoutes.Posts, new { title = "Shape", category = "engineering", content });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var json = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;

        json["summary"]!.GetValue<string>().ShouldStartWith("Hello Some bold text and <script>");
        json["summary"]!.GetValue<string>().ShouldEndWith("…");
        json["category"]!["slug"]!.GetValue<string>().ShouldBe("engineering");
        json["category"]!["name"]!.GetValue<string>().ShouldBe("Engineering");
        json["revision"]!.GetValue<int>().ShouldBe(1);
        json["content"]!.GetValue<string>().ShouldBe(content);
        var html = json["contentHtml"]!.GetValue<string>();
        html.ShouldContain("<h1>Hello</h1>");
        html.ShouldContain("<strong>bold</strong>");
        html.ShouldContain("&lt;script&gt;");
        html.ShouldNotContain("<script");
        html.ShouldNotContain("javascript:");

        var given = await _author.CreatePostAsync(title: "With summary", summary: "  My own words.  ");
        given.Summary.ShouldBe("My own words.");
    }

    [Fact]
    public async Task The_feed_lists_summaries_and_filters_by_category_with_keyset_paging()
    {
        var slug = await NewCategoryAsync();
        var posts = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var post = await _author.CreatePostAsync(title: $"In category {i}", category: slug, content: $"Body {i}");
            var request = await _reviewer.WaitForApprovalRequestAsync(post.Id);
            await _reviewer.StartAsync(request.Id);
            await _reviewer.DecideAsync(request.Id, "Approved");
            await _anonymous.WaitForPostAsync(post.Id, p => p.PublishedAt is not null);
            posts.Add(post.Id);
        }

        var first = await _anonymous.FeedAsync($"?category={slug}&limit=2");
        first.Items.Select(p => p.Id).ShouldBe([posts[2], posts[1]]);
        first.Items.ShouldAllBe(p => p.Content == null && p.ContentHtml == null && p.Summary.StartsWith("Body") && p.Category.Slug == slug);
        var second = await _anonymous.FeedAsync($"?category={slug}&limit=2&after={Uri.EscapeDataString(first.Next!)}");
        second.Items.Select(p => p.Id).ShouldBe([posts[0]]);
        second.Next.ShouldBeNull();

        var unknown = await _anonymous.Http.GetAsync($"{PostRoutes.Posts}?category=no-such-category");
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("\"category\"");
    }

    public static TheoryData<int> Bombs() => [.. Enumerable.Range(0, MarkdownCorpus.Bombs.Count)];

    [Theory]
    [MemberData(nameof(Bombs))]
    public async Task A_markdown_bomb_is_accepted_or_refused_and_the_request_completes(int bomb)
    {
        var (name, content) = MarkdownCorpus.Bombs[bomb];

        var response = await _author.Http.PostAsJsonAsync(PostRoutes.Posts, new { title = name, category = "general", content });

        response.StatusCode.ShouldBeOneOf(HttpStatusCode.Created, HttpStatusCode.BadRequest);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            (await response.Content.ReadAsStringAsync()).ShouldContain("\"content\"");
        }
    }

    private async Task<string> NewCategoryAsync()
    {
        var response = await _reviewer.Http.PostAsJsonAsync(CategoryRoutes.Categories, new { name = $"Topic {Guid.NewGuid():N}" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<CategoryResponse>())!.Slug;
    }

    private async Task ShouldRefuseAsync(object body, string field)
    {
        var response = await _author.Http.PostAsJsonAsync(PostRoutes.Posts, body);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        problem["errors"]![field].ShouldNotBeNull(problem.ToJsonString());
    }
}
