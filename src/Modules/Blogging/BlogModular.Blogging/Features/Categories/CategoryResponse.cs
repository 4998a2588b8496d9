using BlogModular.Blogging.Domain;

namespace BlogModular.Blogging.Features.Categories;

/// <summary>A category as the API shows it; <see cref="Archived"/> only on a reviewer's answers about one category.</summary>
public sealed record CategoryResponse(string Slug, string Name, bool? Archived = null)
{
    public static CategoryResponse From(Category category) => new(category.Slug, category.Name);

    public static CategoryResponse WithState(Category category) => new(category.Slug, category.Name, category.IsArchived);
}
