using BlogModular.Approvals.Contracts;
using BlogModular.Approvals.Features.Requests;
using BlogModular.Approvals.Persistence;
using BlogModular.BuildingBlocks.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.Http;
using BlogModular.BuildingBlocks.Security;
using Microsoft.AspNetCore.Authorization;

namespace BlogModular.Approvals.Features.Reviews;

/// <summary>Fields are nullable because JSON may omit them; <see cref="DecideReviewEndpoint.Validate"/> rejects that.</summary>
public sealed record DecideReview(ReviewOutcome? Status, string? Reason);

/// <summary>A reviewer decides: In Progress → Done, and the decision goes back to Blogging over Kafka.</summary>
public static class DecideReviewEndpoint
{
    public const int ReasonMax = 2_000;

    public static ProblemDetails Validate(DecideReview? command)
    {
        if (command is null)
        {
            return Validation.BodyRequired();
        }

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

        return validation.ToProblemDetails();
    }

    /// <summary>The state change and the outgoing <see cref="ReviewDecided"/> commit in one transaction.</summary>
    [WolverinePost(ApprovalRoutes.Decision)]
    [EndpointSummary("Approves or rejects the post under review (In Progress → Done).")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [Authorize(Policy = Policies.Reviewer)]
    public static async Task<(Results<Ok<ApprovalResponse>, NotFound, ProblemHttpResult>, OutgoingMessages)> Post(
        Guid id, DecideReview command, ApprovalsDbContext db, TimeProvider clock, ILogger<DecideReview> logger,
        CancellationToken cancellationToken)
    {
        var messages = new OutgoingMessages();
        var request = await db.Requests.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return (TypedResults.NotFound(), messages);
        }

        if (!request.CanDecide)
        {
            return (ReviewConflict.Problem(request, "decide"), messages);
        }

        using var scope = logger.BeginScope("PostId:{PostId}", request.PostId);
        ApprovalsMetrics.TagPost(request.PostId);
        messages.Add(request.Decide(command.Status!.Value, command.Reason, clock.GetUtcNow()));
        ApprovalsMetrics.Decided(command.Status.Value);
        logger.LogInformation("Approval request {ApprovalId} for post {PostId} decided: {Outcome}", request.Id, request.PostId, command.Status.Value);
        return (TypedResults.Ok(ApprovalResponse.From(request)), messages);
    }
}

/// <summary>A decision from an in-process caller (the board page); the caller checks the reviewer role.</summary>
public sealed record DecideReviewOf(Guid ApprovalId, ReviewOutcome Status, string? Reason);

public static class DecideReviewOfHandler
{
    /// <summary>Invoked through Wolverine: the endpoint's validation and logic, committed with the cascaded <see cref="ReviewDecided"/>.</summary>
    public static async Task<(ReviewActionResult, OutgoingMessages)> Handle(
        DecideReviewOf command, ApprovalsDbContext db, TimeProvider clock, ILogger<DecideReview> logger, CancellationToken cancellationToken)
    {
        var decision = new DecideReview(command.Status, command.Reason);
        if (DecideReviewEndpoint.Validate(decision) is HttpValidationProblemDetails invalid)
        {
            return (ReviewActionResult.From(TypedResults.Problem(invalid)), new OutgoingMessages());
        }

        var (result, messages) = await DecideReviewEndpoint.Post(command.ApprovalId, decision, db, clock, logger, cancellationToken);
        return (ReviewActionResult.From(result.Result), messages);
    }
}
