using System.Text.Json.Serialization;
using BlogModular.Host.Platform;
using BlogModular.Host.Platform.Edge;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using Wolverine.Http;

namespace BlogModular.Host;

internal static class ApiSetup
{
    /// <summary>One JSON REST API: camelCase, enums by name, ProblemDetails for every error, OpenAPI.</summary>
    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = ProblemDetailsSetup.MaxRequestBodyBytes;
            // No "Server: Kestrel": the response does not name the software it runs on.
            kestrel.AddServerHeader = false;
        });
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

    public const string DocsEnabledSetting = "Api:Docs:Enabled";

    /// <summary>
    /// The OpenAPI document and the Scalar reference, where <c>Api:Docs:Enabled</c> (default: Development only): a
    /// production site does not hand out a map of its API unless its operators choose to.
    /// </summary>
    public static WebApplication MapApiDocs(this WebApplication app)
    {
        if (!app.Configuration.GetValue(DocsEnabledSetting, app.Environment.IsDevelopment()))
        {
            return app;
        }

        app.MapOpenApi();
        app.MapScalarApiReference(SecurityHeaders.ApiReferencePath, scalar => scalar
            .AddPreferredSecuritySchemes(ApiDocumentation.BearerScheme)
            // Fonts and usage reports would come from Scalar's servers; the page's policy allows only this site.
            .DisableDefaultFonts()
            .DisableTelemetry());
        return app;
    }
}
