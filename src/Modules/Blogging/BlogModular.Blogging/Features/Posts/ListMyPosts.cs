using System.Security.Claims;
using BlogModular.Blogging.Persistence;
using BlogModular.BuildingBlocks.Security;
using BlogModular.BuildingBlocks.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Wolverine.Http;

namespace BlogModular.Blogging.Features.Posts;

/// <summary>The caller's own posts in every status, newest first, with rejection reasons.</summary>
public static class ListMyPostsEndpoint
{
    public static ProblemDetails Validate(int? limit, string? after) =>
        new Validation().Limit(limit, ListPublishedPostsEndpoint.MaxLimit).Cursor(after, out _).ToProblemDetails();

    [WolverineGet(PostRoutes.Mine)]
    [EndpointSummary("Lists the caller's own posts in every status, newest first.")]
    [Authorize(Policy = Policies.Author)]
    public static async Task<Page<PostResponse>> Get(
        int? limit, string? after, ClaimsPrincipal user, BloggingDbContext db, CancellationToken cancellationToken)
    {
        var take = limit ?? ListPublishedPostsEndpoint.DefaultLimit;
        var authorId = user.Id()!.Value;
        var query = db.Posts.AsNoTracking().Where(p => p.AuthorId == authorId);
        if (KeysetCursor.TryDecode(after, out var cursor))
        {
            query = query.Where(p => EF.Functions.LessThan(
                ValueTuple.Create(p.CreatedAt, p.Id),
                ValueTuple.Create(cursor.At, cursor.Id)));
        }

        var posts = await query
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Take(take + 1)
            .ToListAsync(cancellationToken);

        return Page.FromKeyset(posts, take, p => new KeysetCursor(p.CreatedAt, p.Id), p => PostResponse.From(p));
    }
}
