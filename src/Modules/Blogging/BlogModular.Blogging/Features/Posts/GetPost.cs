using BlogModular.Blogging.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wolverine.Http;

namespace BlogModular.Blogging.Features.Posts;

public static class GetPostEndpoint
{
    [WolverineGet(PostRoutes.Post)]
    public static async Task<Results<Ok<PostResponse>, NotFound>> Get(Guid id, BloggingDbContext db, CancellationToken cancellationToken)
    {
        var post = await db.Posts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return post is null ? TypedResults.NotFound() : TypedResults.Ok(PostResponse.From(post));
    }
}
