using System.Security.Claims;
using BlogModular.Blogging.Persistence;
using BlogModular.BuildingBlocks.Security;
using BlogModular.BuildingBlocks.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Wolverine;
using Wolverine.Http;

namespace BlogModular.Blogging.Features.Posts;

/// <summary>The author's own posts in every status, newest first, with rejection reasons.</summary>
public sealed record ListMyPosts(Actor Author, int? Limit, string? After);

public static class ListMyPostsHandler
{
    public static async Task<Page<PostResponse>> Handle(ListMyPosts query, BloggingDbContext db, CancellationToken cancellationToken)
    {
        var take = query.Limit ?? ListPublishedPostsEndpoint.DefaultLimit;
        var authorId = query.Author.Id;
        var posts = db.Posts.AsNoTracking().Where(p => p.AuthorId == authorId);
        if (KeysetCursor.TryDecode(query.After, out var cursor))
        {
            posts = posts.Where(p => EF.Functions.LessThan(
                ValueTuple.Create(p.CreatedAt, p.Id),
                ValueTuple.Create(cursor.At, cursor.Id)));
        }

        var rows = await posts
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Take(take + 1)
            .ToListAsync(cancellationToken);

        return Page.FromKeyset(rows, take, p => new KeysetCursor(p.CreatedAt, p.Id), p => PostResponse.ListItem(p, withTimeline: true, forAuthor: true));
    }
}

public static class ListMyPostsEndpoint
{
    /// <summary>The query string's shape; the page only ever passes its own page size and the cursors it was given.</summary>
    public static ProblemDetails Validate(int? limit, string? after) =>
        new Validation().Limit(limit, ListPublishedPostsEndpoint.MaxLimit).Cursor(after, out _).ToProblemDetails();

    [WolverineGet(PostRoutes.Mine)]
    [EndpointSummary("Lists the caller's own posts in every status, newest first.")]
    [Authorize(Policy = Policies.Author)]
    public static Task<Page<PostResponse>> Get(int? limit, string? after, ClaimsPrincipal user, IMessageBus bus, CancellationToken cancellationToken) =>
        bus.InvokeAsync<Page<PostResponse>>(new ListMyPosts(user.ToActor()!, limit, after), cancellationToken);
}
