using System.ComponentModel;
using BlogModular.Blogging.Domain;
using BlogModular.Blogging.Persistence;
using BlogModular.BuildingBlocks.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wolverine.Http;

namespace BlogModular.Blogging.Features.Posts;

/// <summary>
/// The home feed, or one category's: published posts only, newest first, summaries without the content. With a search
/// text (<c>q</c>), the published posts that match it, best match first (<see cref="PostSearch"/>).
/// </summary>
public static class ListPublishedPostsEndpoint
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public const string QueryDescription =
        "Full-text search in the posts' titles, summaries and content, best match first (title over summary over content, " +
        "then newest). Web search syntax: words (all must match), \"a phrase\", -excluded, or. " +
        "Blank is no search; at most 200 characters.";

    public static ProblemDetails Validate(int? limit, string? after, string? category, string? q)
    {
        var validation = new Validation().Limit(limit, MaxLimit).Query(q);
        if (PostSearch.Normalize(q) is null)
        {
            validation.Cursor(after, out _);
        }
        else if (after is not null && !SearchCursor.TryDecode(after, out _))
        {
            validation.Add("after", "'after' is not a cursor returned by this search.");
        }

        if (category is not null && !Slug.IsWellFormed(category))
        {
            validation.Add("category", UnknownCategory);
        }

        return validation.ToProblemDetails();
    }

    /// <summary>An unknown category is a 400, not an empty page: a typo in a link should not look like a quiet category.</summary>
    [WolverineGet(PostRoutes.Posts)]
    [EndpointSummary("Lists published posts, newest first (the home feed), optionally of one category or matching a search.")]
    public static async Task<Results<Ok<Page<PostResponse>>, ProblemHttpResult>> Get(
        int? limit, string? after, string? category, [Description(QueryDescription)] string? q,
        BloggingDbContext db, IOptions<PostSearchSettings> search, CancellationToken cancellationToken)
    {
        if (category is not null && !await db.Categories.AnyAsync(c => c.Slug == category, cancellationToken))
        {
            return TypedResults.Problem(Validation.InvalidFields([new("category", [UnknownCategory])]));
        }

        return PostSearch.Normalize(q) is { } text
            ? TypedResults.Ok(await PostSearch.ReadAsync(db, search.Value.Language, text, limit ?? DefaultLimit, after, category, cancellationToken))
            : TypedResults.Ok(await ReadAsync(db, limit ?? DefaultLimit, after, category, cancellationToken));
    }

    /// <summary>One page after <paramref name="after"/>; the feed and category pages call it directly (no bus, no transaction).</summary>
    public static async Task<Page<PostResponse>> ReadAsync(
        BloggingDbContext db, int take, string? after, string? category, CancellationToken cancellationToken)
    {
        // The timeline is not shown in lists; the category is, for its name.
        var query = db.Posts.AsNoTracking().IgnoreAutoIncludes().Include(p => p.Category).Where(p => p.Status == PostStatus.Published);
        if (category is not null)
        {
            query = query.Where(p => p.CategorySlug == category);
        }

        if (KeysetCursor.TryDecode(after, out var cursor))
        {
            // Row-value comparison, so PostgreSQL walks ix_posts_feed (or ix_posts_category_feed) from the cursor on.
            query = query.Where(p => EF.Functions.LessThan(
                ValueTuple.Create(p.PublishedAt!.Value, p.Id),
                ValueTuple.Create(cursor.At, cursor.Id)));
        }

        var posts = await query
            .OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id)
            .Take(take + 1)
            .ToListAsync(cancellationToken);

        return Page.FromKeyset(posts, take, p => new KeysetCursor(p.PublishedAt!.Value, p.Id), p => PostResponse.ListItem(p, withTimeline: false));
    }

    private const string UnknownCategory = "'category' is not a known category (see /api/categories).";
}
