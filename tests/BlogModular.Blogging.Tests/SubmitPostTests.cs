using BlogModular.Blogging.Contracts;
using BlogModular.Blogging.Domain;
using BlogModular.Blogging.Features.Posts;
using BlogModular.BuildingBlocks.Security;
using BlogModular.BuildingBlocks.UseCases;

namespace BlogModular.Blogging.Tests;

/// <summary>SubmitPost's pure parts: its rules and the post and event it makes. No host, no database.</summary>
public class SubmitPostTests
{
    private static readonly Actor Author = new(Guid.CreateVersion7(), "Ada");
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly TimeSpan ReannounceAfter = TimeSpan.FromMinutes(5);
    private static readonly Category General = Category.Create("General", Now);

    [Fact]
    public void A_post_with_a_title_and_content_is_valid()
    {
        SubmitPostHandler.Check(new SubmitPost(Author, "Title", null, "general", "Content")).ShouldBeNull();
    }

    [Theory]
    [InlineData(null, "Content", "title")]
    [InlineData("   ", "Content", "title")]
    [InlineData("Title", "", "content")]
    [InlineData("Ti\0tle", "Content", "title")]
    public void A_post_missing_a_field_or_holding_a_NUL_is_invalid_on_that_field(string? title, string? content, string field)
    {
        SubmitPostHandler.Check(new SubmitPost(Author, title, null, "general", content))!.Errors.Keys.ShouldBe([field]);
    }

    [Fact]
    public void Empty_title_and_content_are_both_reported_with_the_messages_the_page_shows()
    {
        var invalid = SubmitPostHandler.Check(new SubmitPost(Author, "", null, "general", null))!;

        invalid.Errors["title"].ShouldBe(["'title' is required."]);
        invalid.Errors["content"].ShouldBe(["'content' is required."]);
    }

    [Fact]
    public void A_title_longer_than_the_limit_is_invalid()
    {
        var title = new string('t', SubmitPostHandler.TitleMax + 1);

        SubmitPostHandler.Check(new SubmitPost(Author, title, null, "general", "Content"))!.Errors["title"]
            .ShouldBe([$"'title' must be at most {SubmitPostHandler.TitleMax} characters."]);
    }

    [Fact]
    public void An_idempotency_key_longer_than_the_limit_is_invalid()
    {
        var key = new string('k', SubmissionKey.KeyMax + 1);

        SubmitPostHandler.Check(new SubmitPost(Author, "Title", null, "general", "Content", key))!.Errors.Keys.ShouldBe([SubmitPostEndpoint.IdempotencyKeyHeader]);
    }

    [Fact]
    public void A_submitted_post_is_unpublished_by_the_actor_and_cascades_PostSubmitted()
    {
        PostMarkdown.TryRender("Content", out var rendered, out _).ShouldBeTrue();
        var post = Post.Submit(Author.Id, Author.Name, PostText.Of("  Title  ", null, General, "Content", rendered), Now, ReannounceAfter);
        var submitted = SubmitPostHandler.Announcement(post);

        post.AuthorId.ShouldBe(Author.Id);
        post.Author.ShouldBe("Ada");
        post.Title.ShouldBe("Title");
        post.Status.ShouldBe(PostStatus.Submitted);
        post.ReannounceAt.ShouldBe(Now + ReannounceAfter);
        post.CategorySlug.ShouldBe("general");
        post.Summary.ShouldBe("Content");
        post.ContentHtml.ShouldBe("<p>Content</p>\n");
        post.Revision.ShouldBe(1);
        submitted.ShouldBe(new PostSubmitted(post.Id, 1, Author.Id, "Ada", "Title", "Content", "general", "Content", Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void A_post_without_a_category_is_invalid_on_category(string? category)
    {
        SubmitPostHandler.Check(new SubmitPost(Author, "Title", null, category, "Content"))!.Errors.Keys.ShouldBe(["category"]);
    }

    [Fact]
    public void A_summary_longer_than_the_limit_is_invalid_and_a_blank_one_is_left_out()
    {
        var summary = new string('s', PostSummary.Max + 1);

        SubmitPostHandler.Check(new SubmitPost(Author, "Title", summary, "general", "Content"))!.Errors.Keys.ShouldBe(["summary"]);
        SubmitPostHandler.Check(new SubmitPost(Author, "Title", "   ", "general", "Content")).ShouldBeNull();
    }

    [Fact]
    public void A_post_without_a_summary_gets_the_start_of_its_text_and_one_with_a_summary_keeps_it()
    {
        PostMarkdown.TryRender("# Heading\n\nSome **bold** text.", out var rendered, out _).ShouldBeTrue();

        PostText.Of("T", null, General, "x", rendered).Summary.ShouldBe("Heading Some bold text.");
        PostText.Of("T", "  Mine.  ", General, "x", rendered).Summary.ShouldBe("Mine.");
    }

    [Fact]
    public void A_problem_reads_as_one_line_for_a_page()
    {
        UseCaseResult<PostResponse> result = SubmitPostHandler.Check(new SubmitPost(Author, "", null, "general", ""))!;

        result.Succeeded.ShouldBeFalse();
        result.Problem!.ToMessage().ShouldBe("'title' is required. 'content' is required.");
        Should.Throw<InvalidOperationException>(() => result.Value);
    }
}
