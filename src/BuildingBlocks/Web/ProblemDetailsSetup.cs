using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BlogModular.BuildingBlocks.Web;

public static class ProblemDetailsSetup
{
    /// <summary>The largest request body the API reads; larger ones get 413.</summary>
    public const long MaxRequestBodyBytes = 256 * 1024;

    /// <summary>Every error is an RFC 9457 ProblemDetails; exceptions never leak a stack trace.</summary>
    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier));
        services.AddExceptionHandler<ExceptionToProblemDetails>();
        return services;
    }

    /// <summary>Where the API lives; other paths are the web UI's, whose errors without a body the host renders as a page.</summary>
    public const string ApiPrefix = "/api";

    public static WebApplication UseApiProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseWhen(context => context.Request.Path.StartsWithSegments(ApiPrefix, StringComparison.OrdinalIgnoreCase), api => api.UseStatusCodePages());
        app.Use(RejectOversizedBodies);
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

    /// <summary>A transient PostgreSQL failure, however EF Core or Wolverine wrapped it.</summary>
    private static bool IsDatabaseUnavailable(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
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
                _ when IsDatabaseUnavailable(exception) || exception is TimeoutException =>
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
