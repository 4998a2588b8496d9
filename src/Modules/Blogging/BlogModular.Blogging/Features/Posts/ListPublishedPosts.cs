using BlogModular.Blogging.Domain;
using BlogModular.Blogging.Persistence;
using BlogModular.BuildingBlocks.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Wolverine.Http;

namespace BlogModular.Blogging.Features.Posts;

/// <summary>The home feed: published posts only, newest first.</summary>
public static class ListPublishedPostsEndpoint
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static ProblemDetails Validate(int? limit, string? after) =>
        new Validation().Limit(limit, MaxLimit).Cursor(after, out _).ToProblemDetails();

    [WolverineGet(PostRoutes.Posts)]
    [EndpointSummary("Lists published posts, newest first (the home feed).")]
    public static async Task<Page<PostResponse>> Get(int? limit, string? after, BloggingDbContext db, CancellationToken cancellationToken)
    {
        var take = limit ?? DefaultLimit;
        var query = db.Posts.AsNoTracking().IgnoreAutoIncludes().Where(p => p.Status == PostStatus.Published);
        if (KeysetCursor.TryDecode(after, out var cursor))
        {
            // Row-value comparison, so PostgreSQL walks ix_posts_feed from the cursor on.
            query = query.Where(p => EF.Functions.LessThan(
                ValueTuple.Create(p.PublishedAt!.Value, p.Id),
                ValueTuple.Create(cursor.At, cursor.Id)));
        }

        var posts = await query
            .OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id)
            .Take(take + 1)
            .ToListAsync(cancellationToken);

        return Page.FromKeyset(posts, take, p => new KeysetCursor(p.PublishedAt!.Value, p.Id), p => PostResponse.From(p, withTimeline: false));
    }
}
