using System.Text.Json.Serialization;
using BlogModular.Host.Platform;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using Wolverine.Http;

namespace BlogModular.Host;

internal static class ApiSetup
{
    private const string BearerScheme = "Bearer";

    /// <summary>One JSON REST API: camelCase, enums by name, ProblemDetails for every error, OpenAPI.</summary>
    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = ProblemDetailsSetup.MaxRequestBodyBytes);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddApiProblemDetails();
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            // Tokens come from POST /api/auth/login and go in "Authorization: Bearer <token>".
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "Access token from POST /api/auth/login",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
            return Task.CompletedTask;
        }));
        builder.Services.AddWolverineHttp();
        return builder;
    }

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference(scalar => scalar.AddPreferredSecuritySchemes(BearerScheme));
        return app;
    }
}
