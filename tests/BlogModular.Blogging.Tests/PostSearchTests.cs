using BlogModular.Blogging.Features.Posts;
using BlogModular.BuildingBlocks.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace BlogModular.Blogging.Tests;

public class PostSearchTests
{
    [Fact]
    public void A_search_cursor_round_trips_and_is_not_a_feed_cursor()
    {
        var cursor = new SearchCursor(0.0607927f, new DateTimeOffset(2026, 12, 2, 5, 0, 0, 123, TimeSpan.Zero), Guid.CreateVersion7());

        SearchCursor.TryDecode(cursor.Encode(), out var decoded).ShouldBeTrue();
        decoded.ShouldBe(cursor);
        KeysetCursor.TryDecode(cursor.Encode(), out _).ShouldBeFalse();
        SearchCursor.TryDecode(new KeysetCursor(cursor.At, cursor.Id).Encode(), out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 !")]
    [InlineData("AAAA")]
    public void A_search_cursor_that_does_not_decode_is_refused(string? text) => SearchCursor.TryDecode(text, out _).ShouldBeFalse();

    [Theory]
    [InlineData(null, null)]
    [InlineData("   ", null)]
    [InlineData("  kafka outbox ", "kafka outbox")]
    public void A_blank_search_is_no_search_and_the_text_is_trimmed(string? q, string? normalized) => PostSearch.Normalize(q).ShouldBe(normalized);

    [Fact]
    public void A_search_over_the_limit_or_with_nul_is_invalid_on_q_and_a_long_padded_one_is_not()
    {
        Errors(new string('a', PostSearch.MaxQueryLength + 1)).ShouldContainKey("q");
        Errors("a\0b").ShouldContainKey("q");
        Errors($"  {new string('a', PostSearch.MaxQueryLength)}  ").ShouldBeEmpty();
        Errors("the").ShouldBeEmpty();
    }

    [Fact]
    public void A_search_takes_only_its_own_cursor_and_the_feed_only_its_own()
    {
        var search = new SearchCursor(0.1f, DateTimeOffset.UtcNow, Guid.NewGuid()).Encode();
        var feed = new KeysetCursor(DateTimeOffset.UtcNow, Guid.NewGuid()).Encode();

        ListPublishedPostsEndpoint.Validate(null, search, null, "word").ShouldBeSameAs(WolverineContinue.NoProblems);
        ListPublishedPostsEndpoint.Validate(null, feed, null, " ").ShouldBeSameAs(WolverineContinue.NoProblems);
        ((HttpValidationProblemDetails)ListPublishedPostsEndpoint.Validate(null, feed, null, "word")).Errors.ShouldContainKey("after");
        ((HttpValidationProblemDetails)ListPublishedPostsEndpoint.Validate(null, search, null, null)).Errors.ShouldContainKey("after");
    }

    [Theory]
    [InlineData(null, null, "/")]
    [InlineData("a b", null, "/?q=a%20b")]
    [InlineData("c#", "next", "/?q=c%23&after=next")]
    [InlineData(null, "next", "/?after=next")]
    public void A_page_link_keeps_the_search_and_the_cursor(string? q, string? after, string link) =>
        PostSearch.PageLink("/", q, after).ShouldBe(link);

    private static Dictionary<string, string[]> Errors(string q) =>
        new Validation().Query(q).ToProblem()?.Errors.ToDictionary() ?? new Dictionary<string, string[]>();
}
