namespace BlogModular.BuildingBlocks.Web;

/// <summary>Settings about the site as its visitors see it.</summary>
public sealed class AppSettings
{
    public const string Section = "App";

    /// <summary>
    /// The site's public address (<c>https://blog.example.com</c>): absolute links (e-mails) are built from it, never
    /// from a request's Host header, which the client chooses. Required outside Development.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary><see cref="PublicBaseUrl"/> parsed, or null when it is unset or not an absolute http(s) address.</summary>
    public Uri? PublicBase =>
        Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    /// <summary>The absolute address of <paramref name="path"/>, a path on this site (a path prefix of the address is kept).</summary>
    public string Link(string path) => $"{PublicBaseUrl!.TrimEnd('/')}/{path.TrimStart('/')}";

    /// <summary><paramref name="link"/>'s path and query on the public address (unchanged without one).</summary>
    public string Rebase(string link) =>
        PublicBase is { } site && Uri.TryCreate(link, UriKind.Absolute, out var absolute)
            ? site.GetLeftPart(UriPartial.Authority) + site.AbsolutePath.TrimEnd('/') + absolute.PathAndQuery
            : link;
}
