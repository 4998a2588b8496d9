using System.Text.Json.Serialization;
using BlogModular.Host.Platform;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
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
        builder.Services.AddOpenApi(ApiDocumentation.Configure);
        builder.Services.AddWolverineHttp();
        return builder;
    }

    /// <summary>Wolverine's endpoints: a query value that does not parse is a 400, and each is described for OpenAPI.</summary>
    public static void UseApiConventions(this WolverineHttpOptions http)
    {
        http.RejectUnparseableQueryValues = true;
        http.ConfigureEndpoints(ApiDocumentation.Describe);
    }

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference(scalar => scalar.AddPreferredSecuritySchemes(ApiDocumentation.BearerScheme));
        return app;
    }
}
