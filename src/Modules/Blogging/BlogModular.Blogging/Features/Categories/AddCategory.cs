using BlogModular.Blogging.Domain;
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

/// <summary>A reviewer adds a category; its slug is derived from the name and never changes.</summary>
public sealed record AddCategory(string? Name);

public static class AddCategoryHandler
{
    /// <summary>The name's rules, shared with renaming. Not named Validate: Wolverine would run it as a step.</summary>
    public static UseCaseProblem.Invalid? Check(string? name)
    {
        var validation = new Validation().Text("name", name, Category.NameMax);
        if (name is not null && validation.ToProblem() is null && Slug.From(name).Length == 0)
        {
            validation.Add("name", "'name' must contain at least one letter or digit from A to Z or 0 to 9.");
        }

        return validation.ToProblem();
    }

    public static async Task<UseCaseResult<CategoryResponse>> Handle(
        AddCategory command, BloggingDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (Check(command.Name) is { } invalid)
        {
            return invalid;
        }

        var category = Category.Create(command.Name!, clock.GetUtcNow());
        if (await db.Categories.AnyAsync(c => c.Slug == category.Slug, cancellationToken) ||
            await NameTakenAsync(db, category.Name, exceptSlug: null, cancellationToken))
        {
            return Taken(category.Name, category.Slug);
        }

        db.Categories.Add(category);
        return CategoryResponse.WithState(category);
    }

    /// <summary>Names are unique regardless of case, archived categories included.</summary>
    internal static Task<bool> NameTakenAsync(BloggingDbContext db, string name, string? exceptSlug, CancellationToken cancellationToken)
    {
        var lower = name.ToLowerInvariant();
#pragma warning disable CA1862 // Translated to SQL lower(name); EF Core does not translate string.Equals with a comparison.
        return db.Categories.AnyAsync(c => c.Name.ToLower() == lower && c.Slug != exceptSlug, cancellationToken);
#pragma warning restore CA1862
    }

    internal static UseCaseProblem.Conflict Taken(string name, string slug) => new(
        "Category already exists",
        $"A category named '{name}' or with the slug '{slug}' already exists (perhaps archived).",
        new Dictionary<string, object?> { ["slug"] = slug });
}

/// <summary>The HTTP body of adding and renaming a category.</summary>
public sealed record CategoryRequest(string? Name);

public static class AddCategoryEndpoint
{
    public static ProblemDetails Validate(CategoryRequest? request) =>
        request is null ? Validation.BodyRequired() : WolverineContinue.NoProblems;

    [WolverinePost(CategoryRoutes.Categories)]
    [EndpointSummary("Adds a category; its slug is derived from the name.")]
    [Authorize(Policy = Policies.Reviewer)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<Results<Created<CategoryResponse>, ProblemHttpResult>> Post(
        CategoryRequest request, IMessageBus bus, CancellationToken cancellationToken)
    {
        var result = await bus.InvokeAsync<UseCaseResult<CategoryResponse>>(new AddCategory(request.Name), cancellationToken);
        return result.Succeeded
            ? TypedResults.Created(CategoryRoutes.For(result.Value.Slug), result.Value)
            : result.Problem!.ToProblemResult();
    }
}
