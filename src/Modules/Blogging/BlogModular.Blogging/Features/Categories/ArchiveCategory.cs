using BlogModular.Blogging.Persistence;
using BlogModular.BuildingBlocks.Security;
using BlogModular.BuildingBlocks.UseCases;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wolverine;
using Wolverine.Http;

namespace BlogModular.Blogging.Features.Categories;

/// <summary>A reviewer archives a category: new posts cannot choose it, posts already in it keep it.</summary>
public sealed record ArchiveCategory(string Slug);

public static class ArchiveCategoryHandler
{
    public static async Task<UseCaseResult<CategoryResponse>> Handle(
        ArchiveCategory command, BloggingDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var category = await db.Categories.SingleOrDefaultAsync(c => c.Slug == command.Slug, cancellationToken);
        if (category is null)
        {
            return new UseCaseProblem.NotFound("This category does not exist.");
        }

        category.Archive(clock.GetUtcNow());
        return CategoryResponse.WithState(category);
    }
}

public static class ArchiveCategoryEndpoint
{
    [WolverinePost(CategoryRoutes.Archive)]
    [EndpointSummary("Archives a category: new posts cannot choose it, its posts keep it.")]
    [Authorize(Policy = Policies.Reviewer)]
    public static async Task<Results<Ok<CategoryResponse>, NotFound, ProblemHttpResult>> Post(
        string slug, IMessageBus bus, CancellationToken cancellationToken) =>
        (await bus.InvokeAsync<UseCaseResult<CategoryResponse>>(new ArchiveCategory(slug), cancellationToken))
        .ToHttp(TypedResults.Ok);
}
