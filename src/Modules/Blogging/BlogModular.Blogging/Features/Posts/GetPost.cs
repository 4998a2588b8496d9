using System.Security.Claims;
using BlogModular.Blogging.Persistence;
using BlogModular.BuildingBlocks.Security;
using BlogModular.BuildingBlocks.UseCases;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wolverine;
using Wolverine.Http;

namespace BlogModular.Blogging.Features.Posts;

/// <summary>One post, as <see cref="Viewer"/> may see it; null for an anonymous reader.</summary>
public sealed record GetPost(Guid Id, Actor? Viewer, bool ViewerIsReviewer);

public static class GetPostHandler
{
    /// <summary>Published posts are public; an unpublished one is not found (not forbidden) for all but its author and reviewers.</summary>
    public static async Task<UseCaseResult<PostResponse>> Handle(GetPost query, BloggingDbContext db, CancellationToken cancellationToken)
    {
        var post = await db.Posts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == query.Id, cancellationToken);
        return post is not null && post.IsVisibleTo(query.Viewer?.Id, query.ViewerIsReviewer)
            ? PostResponse.From(post, withTimeline: query.ViewerIsReviewer || query.Viewer?.Id == post.AuthorId, forAuthor: query.Viewer?.Id == post.AuthorId)
            : new UseCaseProblem.NotFound("This post does not exist.");
    }
}

public static class GetPostEndpoint
{
    [WolverineGet(PostRoutes.Post)]
    [EndpointSummary("Gets a post; an unpublished one only for its author and reviewers. Its ETag is the revision an edit names in If-Match.")]
    public static async Task<Results<Ok<PostResponse>, NotFound>> Get(
        Guid id, ClaimsPrincipal user, HttpResponse response, IMessageBus bus, CancellationToken cancellationToken)
    {
        var result = await bus.InvokeAsync<UseCaseResult<PostResponse>>(new GetPost(id, user.ToActor(), user.IsReviewer()), cancellationToken);
        if (!result.Succeeded)
        {
            return TypedResults.NotFound();
        }

        response.Headers.ETag = RevisePostEndpoint.ETagOf(result.Value.LatestRevision);
        return TypedResults.Ok(result.Value);
    }
}
