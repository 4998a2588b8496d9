using System.Reflection;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using BlogModular.Accounts.Features.Notifications;
using BlogModular.Accounts.Features.Access;
using BlogModular.Accounts.Features.SignUp;
using BlogModular.Approvals.Contracts;
using BlogModular.Approvals.Features.Reviews;
using BlogModular.Blogging.Features.Categories;
using BlogModular.Blogging.Features.Posts;
using BlogModular.BuildingBlocks.Modules;
using BlogModular.BuildingBlocks.Web;
using BlogModular.Host.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Wolverine.Http;
using Wolverine.Persistence.Durability.DeadLetterManagement;

namespace BlogModular.Host;

/// <summary>
/// What makes /openapi/v1.json usable by a client developer, derived once for every endpoint: a tag per API area,
/// a camelCase operationId, the ProblemDetails of every 4xx it can answer, who may call it, and request examples.
/// Each endpoint itself only states its one-line summary (<c>[EndpointSummary]</c> or <c>.WithSummary</c>).
/// </summary>
internal static class ApiDocumentation
{
    public const string BearerScheme = "Bearer";

    public const string Operations = "Operations";

    /// <summary>The API areas, in the order the reference lists them; every operation carries exactly one.</summary>
    public static readonly IReadOnlyList<ApiArea> Areas =
    [
        .. Modules.All.Select(m => m.Api).OfType<ApiArea>(),
        new(Operations, "The message flow and Wolverine's dead letters, for operators (reviewers only)."),
    ];

    /// <summary>A module's Wolverine endpoints form its area (its descriptor's).</summary>
    private static readonly Dictionary<Assembly, string> ModuleAreas =
        Modules.All.Where(m => m.Api is not null).ToDictionary(m => m.Assembly, m => m.Api!.Name);

    private const string Description = """
        BlogModular lets authors submit blog posts, reviewers approve or reject them, and everyone read the published feed.

        **Authentication.** Call `POST /api/auth/login` with an e-mail address and password (the account's e-mail must be
        confirmed, see `POST /api/auth/signup`) and send the returned `accessToken` as `Authorization: Bearer <token>`.
        `POST /api/auth/refresh` exchanges the `refreshToken` for a new one before it expires. Operations without a lock
        need no token.

        **Cookies.** A browser signed in with `useCookies=true` sends unsafe requests (POST, PUT, DELETE) with the token from
        `GET /api/auth/antiforgery` in the header it names; without it such a request counts as anonymous.

        **Errors.** Every error is an RFC 9457 problem (`application/problem+json`) with `status`, `title` and a
        `traceId`; validation failures (400) add `errors`, the messages per field.

        **Paging.** Lists return `items` and, when there is more, a `next` cursor to pass back as `after`.
        """;

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer(DescribeDocumentAsync);
        options.AddOperationTransformer(DescribeOperationAsync);
    }

    /// <summary>Tag and operationId for every Wolverine endpoint, from its module and its endpoint class.</summary>
    public static void Describe(HttpChain chain)
    {
        if (ModuleAreas.TryGetValue(chain.Method.HandlerType.Assembly, out var area))
        {
            chain.Metadata.WithTags(area);
        }

        if (!chain.HasExplicitOperationId)
        {
            // SubmitPostEndpoint → submitPost. An endpoint name (not only an OpenAPI id), so routing rejects duplicates.
            var name = chain.Method.HandlerType.Name;
            name = name.EndsWith("Endpoint", StringComparison.Ordinal) ? name[..^"Endpoint".Length] : name;
            chain.OperationId = JsonNamingPolicy.CamelCase.ConvertName(name);
            chain.Metadata.WithName(chain.OperationId);
        }
    }

    private static async Task DescribeDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "BlogModular API";
        document.Info.Description = Description;
        // No licence is granted for this code base; the identifier says so in SPDX terms.
        document.Info.License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-Proprietary" };

        // The server is the address the document was fetched from; paths already start with a slash.
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        var used = (document.Paths ?? []).Values.SelectMany(path => path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .SelectMany(operation => operation.Tags ?? new HashSet<OpenApiTagReference>()).Select(tag => tag.Name).ToHashSet();
        document.Tags = new HashSet<OpenApiTag>(
            Areas.Where(area => used.Contains(area.Name)).Select(area => new OpenApiTag { Name = area.Name, Description = area.Description }));

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The accessToken from POST /api/auth/login, sent as \"Authorization: Bearer <token>\".",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];

        // The operations refer to these by name; a document whose endpoints declare neither would lack them.
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        foreach (var type in new[] { typeof(ProblemDetails), typeof(HttpValidationProblemDetails) })
        {
            if (!document.Components.Schemas.ContainsKey(type.Name))
            {
                document.Components.Schemas[type.Name] = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
            }
        }
    }

    private static async Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (context.Description.ActionDescriptor is WolverineActionDescriptor { Chain.EndpointDescription: null })
        {
            // Without one, Wolverine's chain offers its generated type's name ("POST_api_posts") as the description.
            operation.Description = null;
        }

        operation.Responses ??= new OpenApiResponses();
        if (metadata.OfType<ApiOperation>().LastOrDefault() is { } named)
        {
            operation.OperationId = named.Id;
            foreach (var status in named.Problems)
            {
                AddProblem(operation, status, ReasonPhrases.GetReasonPhrase(status));
            }
        }

        var hasBody = operation.RequestBody is not null;
        if (hasBody || context.Description.ParameterDescriptions.Any(p => p.Source == BindingSource.Query))
        {
            // Unreadable JSON, a failed validation, or a query value that does not parse.
            AddProblem(operation, StatusCodes.Status400BadRequest, "The request is invalid; `errors` names the fields.");
        }

        if (hasBody)
        {
            AddProblem(operation, StatusCodes.Status413PayloadTooLarge, $"The body is over {ProblemDetailsSetup.MaxRequestBodyBytes / 1024} KiB.");
            AddProblem(operation, StatusCodes.Status415UnsupportedMediaType, "The body is not JSON in a charset the API reads (send UTF-8).");
            AddExample(operation, context);
        }

        await DescribeAuthorizationAsync(operation, context, metadata);

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            AddProblem(operation, StatusCodes.Status429TooManyRequests, "Too many requests from this address (account operations) or this account (writing); retry after `Retry-After` seconds.");
            ((OpenApiResponse)operation.Responses["429"]).Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
            };
        }

        // Every API error goes out as ProblemDetails (ProblemDetailsSetup), also those the endpoint declares bare.
        foreach (var (status, response) in operation.Responses)
        {
            if (status.StartsWith('4') && response is OpenApiResponse declared)
            {
                declared.Content = ProblemContent(status == "400" ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails), context.Document);
            }
        }
    }

    private static async Task DescribeAuthorizationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, IList<object> metadata)
    {
        var authorizeData = metadata.OfType<IAuthorizeData>().ToList();
        if (authorizeData.Count == 0 || metadata.OfType<IAllowAnonymous>().Any())
        {
            // Overrides the document's bearer requirement: no token needed, or (when the endpoint reads the caller) optional.
            operation.Security = ReadsCaller(context.Description.ActionDescriptor, metadata)
                ? [new OpenApiSecurityRequirement(), new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }]
                : [];
            return;
        }

        AddProblem(operation, StatusCodes.Status401Unauthorized, "No valid bearer token (log in first, or refresh an expired token).");
        var policies = context.ApplicationServices.GetRequiredService<IAuthorizationPolicyProvider>();
        var policy = await AuthorizationPolicy.CombineAsync(policies, authorizeData);
        if (policy?.Requirements.Any(requirement => requirement is not DenyAnonymousAuthorizationRequirement) == true)
        {
            AddProblem(operation, StatusCodes.Status403Forbidden, "Signed in, but without the role this needs (Reviewer).");
        }
    }

    /// <summary>Whether the handler takes the caller (Wolverine's endpoint method, or a minimal API's delegate).</summary>
    private static bool ReadsCaller(ActionDescriptor action, IList<object> metadata) =>
        ((action as ControllerActionDescriptor)?.MethodInfo ?? metadata.OfType<MethodInfo>().FirstOrDefault())?
            .GetParameters().Any(parameter => parameter.ParameterType == typeof(ClaimsPrincipal)) == true;

    private static void AddProblem(OpenApiOperation operation, int status, string description)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.TryGetValue(key, out var existing) && existing is OpenApiResponse declared)
        {
            declared.Description = description;
            return;
        }

        operation.Responses[key] = new OpenApiResponse { Description = description };
    }

    private static Dictionary<string, OpenApiMediaType> ProblemContent(Type schema, OpenApiDocument? document) => new()
    {
        ["application/problem+json"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(schema.Name, document) },
    };

    /// <summary>What Scalar puts in the request editor: a body that works as it stands (with real ids filled in).</summary>
    private static readonly Dictionary<Type, object> Examples = new()
    {
        [typeof(SubmitPostRequest)] = new SubmitPostRequest(
            "Modular monoliths in practice", "What we learned splitting one host into modules.", "engineering",
            "We split **one host** into modules:\n\n- one schema each\n- messages over Kafka"),
        [typeof(CategoryRequest)] = new CategoryRequest("Release notes"),
        [typeof(DecideReviewRequest)] = new DecideReviewRequest(ReviewOutcome.Rejected, "Please add a source for the benchmark numbers."),
        [typeof(SignUp)] = new SignUp("ann@example.com", "Ann Author", "Correct-Horse-9"),
        [typeof(GrantReviewer)] = new GrantReviewer("rita@example.com"),
        [typeof(NotificationSettingsRequest)] = new NotificationSettingsRequest(ReviewDecisionEmails: false),
        [typeof(LoginRequest)] = new LoginRequest { Email = "ann@example.com", Password = "Correct-Horse-9" },
        [typeof(RefreshRequest)] = new RefreshRequest { RefreshToken = "<refreshToken from login>" },
        [typeof(ResendConfirmationEmailRequest)] = new ResendConfirmationEmailRequest { Email = "ann@example.com" },
        [typeof(ForgotPasswordRequest)] = new ForgotPasswordRequest { Email = "ann@example.com" },
        [typeof(ResetPasswordRequest)] = new ResetPasswordRequest { Email = "ann@example.com", ResetCode = "<code from the e-mail>", NewPassword = "Correct-Horse-10" },
        [typeof(TwoFactorRequest)] = new TwoFactorRequest { Enable = true, TwoFactorCode = "123456" },
        [typeof(InfoRequest)] = new InfoRequest { NewPassword = "Correct-Horse-10", OldPassword = "Correct-Horse-9" },
        [typeof(DeadLetterEnvelopeGetRequest)] = new DeadLetterEnvelopeGetRequest { Limit = 20 },
        [typeof(DeadLetterEnvelopeIdsRequest)] = new DeadLetterEnvelopeIdsRequest { Ids = [new Guid("0194f1a0-0000-7000-8000-000000000000")] },
    };

    /// <summary>The API's JSON settings, leaving out what an example does not set.</summary>
    private static JsonSerializerOptions? ExampleJson;

    private static void AddExample(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var type = context.Description.ParameterDescriptions.FirstOrDefault(p => p.Source == BindingSource.Body)?.Type;
        if (type is null || !Examples.TryGetValue(type, out var example) || operation.RequestBody?.Content is not { } content)
        {
            return;
        }

        var json = ExampleJson ??= new JsonSerializerOptions(
            context.ApplicationServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        var node = JsonSerializer.SerializeToNode(example, type, json);
        foreach (var media in content.Values)
        {
            media.Example = node?.DeepClone();
        }
    }
}
