using System.Security.Claims;
using BlogModular.Blogging.Persistence;
using BlogModular.BuildingBlocks.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wolverine.Http;

namespace BlogModular.Blogging.Features.Posts;

public static class GetPostEndpoint
{
    /// <summary>Published posts are public; an unpublished one is 404 (not 403) for all but its author and reviewers.</summary>
    [WolverineGet(PostRoutes.Post)]
    [EndpointSummary("Gets a post; an unpublished one only for its author and reviewers.")]
    public static async Task<Results<Ok<PostResponse>, NotFound>> Get(Guid id, ClaimsPrincipal user, BloggingDbContext db, CancellationToken cancellationToken)
    {
        var post = await db.Posts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return post is not null && post.IsVisibleTo(user.Id(), user.IsReviewer())
            ? TypedResults.Ok(PostResponse.From(post, withTimeline: user.IsReviewer() || user.Id() == post.AuthorId))
            : TypedResults.NotFound();
    }
}
