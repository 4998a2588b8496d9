using System.Text.Json.Serialization;
using BlogModular.BuildingBlocks.Web;
using Wolverine.Http;

namespace BlogModular.Host;

internal static class ApiSetup
{
    /// <summary>One JSON REST API: camelCase, enums by name, ProblemDetails for every error, OpenAPI.</summary>
    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = ProblemDetailsSetup.MaxRequestBodyBytes);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddApiProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddWolverineHttp();
        return builder;
    }
}
