using BlogModular.Blogging.Persistence;
using BlogModular.BuildingBlocks.Security;
using BlogModular.BuildingBlocks.UseCases;
using BlogModular.BuildingBlocks.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Wolverine;
using Wolverine.Http;

namespace BlogModular.Blogging.Features.Categories;

/// <summary>A reviewer renames a category; the slug stays, so links and posts keep pointing at it.</summary>
public sealed record RenameCategory(string Slug, string? Name);

public static class RenameCategoryHandler
{
    public static async Task<UseCaseResult<CategoryResponse>> Handle(RenameCategory command, BloggingDbContext db, CancellationToken cancellationToken)
    {
        if (AddCategoryHandler.Check(command.Name) is { } invalid)
        {
            return invalid;
        }

        var category = await db.Categories.SingleOrDefaultAsync(c => c.Slug == command.Slug, cancellationToken);
        if (category is null)
        {
            return new UseCaseProblem.NotFound("This category does not exist.");
        }

        var name = command.Name!.Trim();
        if (await AddCategoryHandler.NameTakenAsync(db, name, exceptSlug: category.Slug, cancellationToken))
        {
            return AddCategoryHandler.Taken(name, category.Slug);
        }

        category.Rename(name);
        return CategoryResponse.WithState(category);
    }
}

public static class RenameCategoryEndpoint
{
    public static ProblemDetails Validate(CategoryRequest? request) =>
        request is null ? Validation.BodyRequired() : WolverineContinue.NoProblems;

    [WolverinePut(CategoryRoutes.Category)]
    [EndpointSummary("Renames a category; its slug stays.")]
    [Authorize(Policy = Policies.Reviewer)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<Results<Ok<CategoryResponse>, NotFound, ProblemHttpResult>> Put(
        string slug, CategoryRequest request, IMessageBus bus, CancellationToken cancellationToken) =>
        (await bus.InvokeAsync<UseCaseResult<CategoryResponse>>(new RenameCategory(slug, request.Name), cancellationToken))
        .ToHttp(TypedResults.Ok);
}
