using BlogModular.Approvals.Domain;
using BlogModular.BuildingBlocks.UseCases;

namespace BlogModular.Approvals.Features.Reviews;

internal static class ReviewConflict
{
    public const string NotFound = "This approval request does not exist.";

    /// <summary>The caller wrote the post under review: another reviewer must review it.</summary>
    public static readonly UseCaseProblem.Forbidden OwnPost = new("This is your own post: another reviewer must review it.");

    public static UseCaseProblem.Conflict Problem(ApprovalRequest request, string action, string? hint = null) => new(
        "The review is not in a state that allows this",
        $"Cannot {action} a review that is {request.Progress}." + (hint is null ? "" : " " + hint),
        new Dictionary<string, object?> { ["progress"] = request.Progress.ToString() });

    /// <summary>Someone other than the assignee tried to decide: they must take the review over first.</summary>
    public static UseCaseProblem.Conflict AssignedToSomeoneElse(ApprovalRequest request) => new(
        "The review is assigned to another reviewer",
        $"This review is assigned to {request.AssigneeName}; take it over first.",
        new Dictionary<string, object?>
        {
            ["progress"] = request.Progress.ToString(),
            ["assignee"] = new Dictionary<string, object?> { ["id"] = request.AssigneeId, ["name"] = request.AssigneeName },
        });
}
