using System.Text;
using BlogModular.BuildingBlocks.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace BlogModular.Host.Platform;

public static class ProblemDetailsSetup
{
    /// <summary>The largest request body the API reads; larger ones get 413.</summary>
    public const long MaxRequestBodyBytes = 256 * 1024;

    /// <summary>Every error is an RFC 9457 ProblemDetails; exceptions never leak a stack trace.</summary>
    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier));
        // After the default writer, which writes nothing for a client whose Accept header excludes JSON.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProblemDetailsWriter, ApiProblemDetailsWriter>());
        services.AddExceptionHandler<ExceptionToProblemDetails>();
        return services;
    }

    public static WebApplication UseApiProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseWhen(context => context.Request.IsApi(), api => api.UseStatusCodePages());
        app.Use(RejectOversizedBodies);
        app.Use(RejectUnknownCharsets);
        return app;
    }

    /// <summary>
    /// Kestrel enforces the limit too, but its exception surfaces inside the endpoint's body reader, which
    /// reports any read failure as 400; checking the declared length first gives the client a proper 413.
    /// </summary>
    private static Task RejectOversizedBodies(HttpContext context, Func<Task> next)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxRequestBodyBytes;
        }

        if (context.Request.ContentLength > MaxRequestBodyBytes)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Request body too large",
                detail: $"The request body may be at most {MaxRequestBodyBytes / 1024} KiB.").ExecuteAsync(context);
        }

        return next();
    }

    /// <summary>
    /// ASP.NET Core's JSON reader throws InvalidOperationException (a 500) for a body whose charset .NET cannot
    /// decode; refusing it first gives the client a 415, as for any other content type the API cannot read.
    /// </summary>
    private static Task RejectUnknownCharsets(HttpContext context, Func<Task> next)
    {
        if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType) &&
            HeaderUtilities.RemoveQuotes(mediaType.Charset) is { Length: > 0 } charset &&
            !IsKnownEncoding(charset.ToString()))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported charset",
                detail: $"The request body's charset '{charset}' is not supported; send UTF-8.").ExecuteAsync(context);
        }

        return next();
    }

    private static bool IsKnownEncoding(string charset)
    {
        try
        {
            Encoding.GetEncoding(charset);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Whether the exception or any exception it wraps matches: EF Core and Wolverine wrap PostgreSQL's.</summary>
    private static bool AnyCause(Exception exception, Func<Exception, bool> matches)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (matches(e))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// An API error is ProblemDetails whatever the client's Accept header says (RFC 9110 lets a server disregard
    /// it); without this a client accepting only, say, text/html got a text/plain status page from the API.
    /// </summary>
    private sealed class ApiProblemDetailsWriter(IOptions<ProblemDetailsOptions> options) : IProblemDetailsWriter
    {
        public bool CanWrite(ProblemDetailsContext context) => context.HttpContext.Request.IsApi();

        public ValueTask WriteAsync(ProblemDetailsContext context)
        {
            var problem = context.ProblemDetails;
            problem.Status ??= context.HttpContext.Response.StatusCode;
            problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
            options.Value.CustomizeProblemDetails?.Invoke(context);
            return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(problem, problem.GetType(), options: null, contentType: "application/problem+json"));
        }
    }

    private sealed class ExceptionToProblemDetails(IProblemDetailsService problems, ILogger<ExceptionToProblemDetails> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            var (status, title) = exception switch
            {
                BadHttpRequestException bad => (bad.StatusCode, "Bad request"),
                DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "The resource was changed by someone else; reload and retry"),
                DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } =>
                    (StatusCodes.Status409Conflict, "A concurrent request did the same; retry to see its result"),
                // PostgreSQL cannot store U+0000 in text; where no validation step stopped it first, it is still the client's input.
                _ when AnyCause(exception, e => e is PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire }) =>
                    (StatusCodes.Status400BadRequest, "The request contains a NUL character, which text fields cannot hold"),
                // A transient PostgreSQL failure, however it was wrapped.
                _ when AnyCause(exception, e => e is NpgsqlException { IsTransient: true }) || exception is TimeoutException =>
                    (StatusCodes.Status503ServiceUnavailable, "A dependency is unavailable; retry later"),
                _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred"),
            };
            if (status >= 500)
            {
                logger.LogError(exception, "Request {Method} {Path} failed", httpContext.Request.Method, httpContext.Request.Path);
            }

            httpContext.Response.StatusCode = status;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails = new ProblemDetails { Status = status, Title = title },
            });
        }
    }
}
