using Microsoft.AspNetCore.Http;

namespace BlogModular.BuildingBlocks.Web;

/// <summary>
/// Where the REST API lives. Other paths are the web UI's: there a missing login redirects to the login page and an
/// error without a body is rendered as a page, where the API answers 401/403 and ProblemDetails.
/// </summary>
public static class ApiPaths
{
    public const string Prefix = "/api";

    public static bool IsApi(this HttpRequest request) => request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);
}
