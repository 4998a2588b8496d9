using BlogModular.Blogging.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Wolverine;
using Wolverine.Http;

namespace BlogModular.Blogging.Features.Categories;

/// <summary>The categories a new post may be filed under: the active ones, by name.</summary>
public sealed record ListCategories;

/// <summary>An object rather than a bare array, so a field can be added without breaking clients.</summary>
public sealed record CategoryList(IReadOnlyList<CategoryResponse> Items);

public static class ListCategoriesHandler
{
    public static async Task<CategoryList> Handle(ListCategories query, BloggingDbContext db, CancellationToken cancellationToken) =>
        new(await db.Categories.AsNoTracking()
            .Where(c => c.ArchivedAt == null)
            .OrderBy(c => c.Name)
            .Select(c => new CategoryResponse(c.Slug, c.Name, null))
            .ToListAsync(cancellationToken));
}

public static class ListCategoriesEndpoint
{
    [WolverineGet(CategoryRoutes.Categories)]
    [EndpointSummary("Lists the active categories, the ones a new post may be filed under.")]
    public static Task<CategoryList> Get(IMessageBus bus, CancellationToken cancellationToken) =>
        bus.InvokeAsync<CategoryList>(new ListCategories(), cancellationToken);
}
