using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using BlogModular.BuildingBlocks.Web;

namespace BlogModular.BuildingBlocks.UseCases;

/// <summary>A use case's answer as an HTTP response: every problem is RFC 9457 ProblemDetails.</summary>
public static class UseCaseHttp
{
    /// <summary>
    /// Success through <paramref name="success"/>; not found as a bare 404, which the API's status-code pages give a
    /// ProblemDetails body; anything else as <see cref="ToProblemResult"/>.
    /// </summary>
    public static Results<TSuccess, NotFound, ProblemHttpResult> ToHttp<T, TSuccess>(this UseCaseResult<T> result, Func<T, TSuccess> success)
        where TSuccess : IResult => result.Problem switch
        {
            null => success(result.Value),
            UseCaseProblem.NotFound => TypedResults.NotFound(),
            var problem => problem.ToProblemResult(),
        };

    /// <summary>400 with field errors, 403, 404, 409, 412 or 422.</summary>
    public static ProblemHttpResult ToProblemResult(this UseCaseProblem problem) => problem switch
    {
        UseCaseProblem.Invalid invalid => TypedResults.Problem(Validation.InvalidFields(invalid.Errors)),
        UseCaseProblem.NotFound notFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: notFound.Detail),
        UseCaseProblem.Forbidden forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: forbidden.Detail),
        UseCaseProblem.Stale stale => TypedResults.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed, title: "The resource has changed", detail: stale.Detail, extensions: stale.Extensions),
        UseCaseProblem.Conflict conflict => TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict, title: conflict.Title, detail: conflict.Detail, extensions: conflict.Extensions),
        UseCaseProblem.Unprocessable unprocessable => TypedResults.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity, title: unprocessable.Title, detail: unprocessable.Detail),
        _ => throw new InvalidOperationException($"Unknown problem {problem.GetType().Name}."),
    };
}
