namespace BlogModular.Accounts.Mail;

/// <summary>
/// Where readers reach the site (<c>App:PublicBaseUrl</c>), for absolute links in e-mails: a background handler has
/// no request to take the address from, and behind a front door the process's own address is not the public one.
/// Required outside Development (a startup error names it); in Development it defaults to the host's first URL.
/// </summary>
public sealed class PublicSiteSettings
{
    public const string Section = "App";

    /// <summary>An absolute http(s) URL, e.g. <c>https://blog.example.com</c> (a path prefix is kept).</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The absolute address of <paramref name="path"/>, a path on this site.</summary>
    public string Link(string path) => $"{PublicBaseUrl!.TrimEnd('/')}/{path.TrimStart('/')}";

    internal static bool IsValid(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>
    /// The first address the host listens on (<c>urls</c>, as <c>--urls</c>, <c>ASPNETCORE_URLS</c> or the launch profile
    /// set it) with a wildcard host read as localhost, or Kestrel's default http://localhost:5000.
    /// </summary>
    internal static string DevelopmentDefault(IConfiguration configuration)
    {
        var first = configuration["urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null)
        {
            return "http://localhost:5000";
        }

        foreach (var wildcard in new[] { "://+", "://*", "://0.0.0.0", "://[::]" })
        {
            first = first.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        }

        return first;
    }
}
