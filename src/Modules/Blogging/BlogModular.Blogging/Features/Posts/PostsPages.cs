using System.ComponentModel.DataAnnotations;
using System.Globalization;
using BlogModular.Blogging.Domain;

namespace BlogModular.Blogging.Features.Posts;

/// <summary>The Blogging pages' addresses, declared once for links, redirects and browser tests.</summary>
public static class PostsPages
{
    public const string Feed = "/";
    public const string Post = "/posts/{Id:guid}";
    public const string Write = "/write";
    public const string Mine = "/me/posts";

    public static string For(Guid id) => $"/posts/{id}";

    internal static string When(DateTimeOffset? at) =>
        at?.ToUniversalTime().ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "";

    internal static string Label(PostStatus status) => status switch
    {
        PostStatus.Submitted => "Waiting for review",
        PostStatus.Published => "Published",
        PostStatus.Rejected => "Rejected",
        _ => status.ToString(),
    };
}

/// <summary>The "write a post" form; limits are the API's (<see cref="SubmitPostEndpoint"/>).</summary>
public sealed class WritePostForm
{
    [Required(ErrorMessage = "Give your post a title.")]
    [StringLength(SubmitPostEndpoint.TitleMax, ErrorMessage = "The title must be at most {1} characters.")]
    public string? Title { get; set; }

    [Required(ErrorMessage = "Write something before submitting.")]
    [StringLength(SubmitPostEndpoint.ContentMax, ErrorMessage = "The post must be at most {1} characters.")]
    public string? Content { get; set; }
}
