namespace BlogModular.Blogging.Features.Posts;

/// <summary>Route templates, declared once and reused by endpoints, links and tests.</summary>
public static class PostRoutes
{
    public const string Posts = "/api/posts";
    public const string Post = "/api/posts/{id}";
    public const string Mine = "/api/me/posts";

    public static string For(Guid id) => $"{Posts}/{id}";
}
