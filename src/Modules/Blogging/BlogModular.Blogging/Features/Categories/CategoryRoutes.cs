namespace BlogModular.Blogging.Features.Categories;

/// <summary>Route templates, declared once and reused by endpoints, links and tests.</summary>
public static class CategoryRoutes
{
    public const string Categories = "/api/categories";
    public const string Category = "/api/categories/{slug}";
    public const string Archive = "/api/categories/{slug}/archive";

    public static string For(string slug) => $"{Categories}/{Uri.EscapeDataString(slug)}";

    public static string ArchiveFor(string slug) => $"{For(slug)}/archive";
}
