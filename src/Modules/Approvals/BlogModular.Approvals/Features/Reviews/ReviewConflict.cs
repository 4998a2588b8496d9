using BlogModular.Approvals.Domain;
using BlogModular.BuildingBlocks.UseCases;

namespace BlogModular.Approvals.Features.Reviews;

internal static class ReviewConflict
{
    public const string NotFound = "This approval request does not exist.";

    public static UseCaseProblem.Conflict Problem(ApprovalRequest request, string action) => new(
        "The review is not in a state that allows this",
        $"Cannot {action} a review that is {request.Progress}.",
        new Dictionary<string, object?> { ["progress"] = request.Progress.ToString() });
}
