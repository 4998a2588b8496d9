using BlogModular.Approvals.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BlogModular.Approvals.Features.Reviews;

internal static class ReviewConflict
{
    public static ProblemHttpResult Problem(ApprovalRequest request, string action) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "The review is not in a state that allows this",
        detail: $"Cannot {action} a review that is {request.Progress}.",
        extensions: new Dictionary<string, object?> { ["progress"] = request.Progress.ToString() });
}
