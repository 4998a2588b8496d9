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

    [Fact]
    public void A_post_with_a_title_and_content_is_valid()
    {
        SubmitPostHandler.Check(new SubmitPost(Author, "Title", "Content")).ShouldBeNull();
    }

    [Theory]
    [InlineData(null, "Content", "title")]
    [InlineData("   ", "Content", "title")]
    [InlineData("Title", "", "content")]
    [InlineData("Ti\0tle", "Content", "title")]
    public void A_post_missing_a_field_or_holding_a_NUL_is_invalid_on_that_field(string? title, string? content, string field)
    {
        SubmitPostHandler.Check(new SubmitPost(Author, title, content))!.Errors.Keys.ShouldBe([field]);
    }

    [Fact]
    public void Empty_title_and_content_are_both_reported_with_the_messages_the_page_shows()
    {
        var invalid = SubmitPostHandler.Check(new SubmitPost(Author, "", null))!;

        invalid.Errors["title"].ShouldBe(["'title' is required."]);
        invalid.Errors["content"].ShouldBe(["'content' is required."]);
    }

    [Fact]
    public void A_title_longer_than_the_limit_is_invalid()
    {
        var title = new string('t', SubmitPostHandler.TitleMax + 1);

        SubmitPostHandler.Check(new SubmitPost(Author, title, "Content"))!.Errors["title"]
            .ShouldBe([$"'title' must be at most {SubmitPostHandler.TitleMax} characters."]);
    }

    [Fact]
    public void An_idempotency_key_longer_than_the_limit_is_invalid()
    {
        var key = new string('k', SubmissionKey.KeyMax + 1);

        SubmitPostHandler.Check(new SubmitPost(Author, "Title", "Content", key))!.Errors.Keys.ShouldBe([SubmitPostEndpoint.IdempotencyKeyHeader]);
    }

    [Fact]
    public void A_submitted_post_is_unpublished_by_the_actor_and_cascades_PostSubmitted()
    {
        var (post, submitted) = SubmitPostHandler.Submit(new SubmitPost(Author, "  Title  ", "Content"), Now, ReannounceAfter);

        post.AuthorId.ShouldBe(Author.Id);
        post.Author.ShouldBe("Ada");
        post.Title.ShouldBe("Title");
        post.Status.ShouldBe(PostStatus.Submitted);
        post.ReannounceAt.ShouldBe(Now + ReannounceAfter);
        submitted.ShouldBe(new PostSubmitted(post.Id, "Title", "Content", "Ada", Now));
    }

    [Fact]
    public void A_problem_reads_as_one_line_for_a_page()
    {
        UseCaseResult<PostResponse> result = SubmitPostHandler.Check(new SubmitPost(Author, "", ""))!;

        result.Succeeded.ShouldBeFalse();
        result.Problem!.ToMessage().ShouldBe("'title' is required. 'content' is required.");
        Should.Throw<InvalidOperationException>(() => result.Value);
    }
}
