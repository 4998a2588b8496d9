using System.Security.Claims;
using BlogModular.Approvals.Contracts;
using BlogModular.Approvals.Domain;
using BlogModular.Approvals.Features.Requests;
using BlogModular.Approvals.Persistence;
using BlogModular.BuildingBlocks.Security;
using BlogModular.BuildingBlocks.UseCases;
using BlogModular.BuildingBlocks.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.Http;

namespace BlogModular.Approvals.Features.Reviews;

/// <summary>
/// A reviewer decides: In Progress → Done, and the decision goes back to Blogging over Kafka. Only the assignee
/// decides; anyone else must take the review over first; the post's author never (403). Callers check the reviewer role. <see cref="Status"/> is nullable because JSON may omit it; the validation rejects that.
/// </summary>
public sealed record DecideReview(Guid ApprovalId, Actor Reviewer, ReviewOutcome? Status, string? Reason);

public static class DecideReviewHandler
{
    public const int ReasonMax = 2_000;

    /// <summary>The decision's rules, the same for the API and the board. Not named Validate: Wolverine would run it as a step.</summary>
    public static UseCaseProblem.Invalid? Check(DecideReview command)
    {
        var validation = new Validation();
        if (command.Status is not { } status || !Enum.IsDefined(status))
        {
            validation.Add("status", "'status' must be Approved or Rejected.");
        }
        else if (status == ReviewOutcome.Rejected)
        {
            // Authors are owed an explanation.
            validation.Text("reason", command.Reason, ReasonMax);
        }
        else if (command.Reason?.Trim().Length > ReasonMax)
        {
            validation.Add("reason", $"'reason' must be at most {ReasonMax} characters.");
        }

        return validation.ToProblem();
    }

    public static Task<ApprovalRequest?> LoadAsync(DecideReview command, ApprovalsDbContext db, CancellationToken cancellationToken) =>
        db.Requests.SingleOrDefaultAsync(r => r.Id == command.ApprovalId, cancellationToken);

    /// <summary>
    /// Validation first, so a bad decision is 400 whether or not the request exists. The state change and the
    /// cascaded <see cref="ReviewDecided"/> commit in one transaction (Wolverine's outbox).
    /// </summary>
    public static (UseCaseResult<ApprovalResponse>, ReviewDecided?) Handle(DecideReview command, ApprovalRequest? request, TimeProvider clock)
    {
        if (Check(command) is { } invalid)
        {
            return (invalid, null);
        }

        if (request is null)
        {
            return (new UseCaseProblem.NotFound(ReviewConflict.NotFound), null);
        }

        if (request.IsWrittenBy(command.Reviewer.Id))
        {
            return (ReviewConflict.OwnPost, null);
        }

        if (!request.CanDecide)
        {
            return (ReviewConflict.Problem(request, "decide"), null);
        }

        if (request.IsAssignedToSomeoneOtherThan(command.Reviewer.Id))
        {
            return (ReviewConflict.AssignedToSomeoneElse(request), null);
        }

        var decided = request.Decide(command.Reviewer, command.Status!.Value, command.Reason, clock.GetUtcNow());
        return (ApprovalResponse.From(request), decided);
    }

    /// <summary>Metrics and the log line, only for a decision that was made.</summary>
    public static void After(DecideReview command, ReviewDecided? decided, ILogger logger)
    {
        if (decided is null)
        {
            return;
        }

        ApprovalsMetrics.Decided(decided.Outcome);
        logger.LogInformation("Approval request {ApprovalId} for post {PostId} decided: {Outcome} (by {Reviewer})",
            decided.ApprovalId, decided.PostId, decided.Outcome, command.Reviewer.Name);
    }
}

/// <summary>The decision's HTTP body; nullable fields because JSON may omit them.</summary>
public sealed record DecideReviewRequest(ReviewOutcome? Status, string? Reason);

public static class DecideReviewEndpoint
{
    /// <summary>Only what is about HTTP; the decision's content is the use case's to check.</summary>
    public static ProblemDetails Validate(DecideReviewRequest? request) =>
        request is null ? Validation.BodyRequired() : WolverineContinue.NoProblems;

    [WolverinePost(ApprovalRoutes.Decision)]
    [EndpointSummary("Approves or rejects the post under review (In Progress → Done); only its assignee may.")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [Authorize(Policy = Policies.Reviewer)]
    public static async Task<Results<Ok<ApprovalResponse>, NotFound, ProblemHttpResult>> Post(
        Guid id, DecideReviewRequest request, ClaimsPrincipal user, IMessageBus bus, CancellationToken cancellationToken)
    {
        var command = new DecideReview(id, user.ToActor()!, request.Status, request.Reason);
        var result = await bus.InvokeAsync<UseCaseResult<ApprovalResponse>>(command, cancellationToken);
        if (result.Succeeded)
        {
            // The request's own span names the post, as the handlers' spans do, so a trace search by post finds it.
            ApprovalsMetrics.TagPost(result.Value.PostId);
        }

        return result.ToHttp(TypedResults.Ok);
    }
}
