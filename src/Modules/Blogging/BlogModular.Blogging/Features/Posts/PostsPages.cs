using System.Globalization;
using BlogModular.Blogging.Domain;

namespace BlogModular.Blogging.Features.Posts;

/// <summary>The Blogging pages' addresses, declared once for links, redirects and browser tests.</summary>
public static class PostsPages
{
    public const string Feed = "/";
    public const string Post = "/posts/{Id:guid}";
    public const string Write = "/write";
    public const string Edit = "/posts/{Id:guid}/edit";
    public const string Mine = "/me/posts";
    public const string Category = "/categories/{Slug}";

    public static string For(Guid id) => $"/posts/{id}";

    public static string EditFor(Guid id) => $"/posts/{id}/edit";

    public static string ForCategory(string slug) => $"/categories/{Uri.EscapeDataString(slug)}";

    internal static string When(DateTimeOffset? at) =>
        at?.ToUniversalTime().ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "";

    internal static string Label(PostStatus status) => status switch
    {
        PostStatus.Submitted => "Waiting for review",
        PostStatus.Published => "Published",
        PostStatus.Rejected => "Rejected",
        _ => status.ToString(),
    };

    internal static string Label(TimelineStep step) => step switch
    {
        TimelineStep.Submitted => "Submitted",
        TimelineStep.Revised => "Edited and submitted",
        TimelineStep.ReceivedForReview => "Received for review",
        TimelineStep.InReview => "In review",
        TimelineStep.Approved => "Approved",
        TimelineStep.Rejected => "Rejected",
        _ => step.ToString(),
    };
}

/// <summary>The "write a post" form; <see cref="SubmitPostHandler"/> checks it, as it checks the API's requests.</summary>
public sealed class WritePostForm
{
    /// <summary>The use case's field names and the form's properties that show their messages.</summary>
    internal static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["title"] = nameof(Title),
        ["summary"] = nameof(Summary),
        ["category"] = nameof(Category),
        ["content"] = nameof(Content),
    };

    public string? Title { get; set; }

    public string? Summary { get; set; }

    /// <summary>A category's slug.</summary>
    public string? Category { get; set; }

    public string? Content { get; set; }

    /// <summary>When editing: the revision the form was filled from (the API's If-Match).</summary>
    public int? Revision { get; set; }
}
