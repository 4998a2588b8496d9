using BlogModular.Approvals.Features.Requests;
using BlogModular.Approvals.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Wolverine;
using Wolverine.Http;
using BlogModular.BuildingBlocks.Security;
using Microsoft.AspNetCore.Authorization;

namespace BlogModular.Approvals.Features.Reviews;

/// <summary>A reviewer picks up a request: To Do → In Progress.</summary>
public static class StartReviewEndpoint
{
    [WolverinePost(ApprovalRoutes.Start)]
    [EndpointSummary("Starts the review of an approval request (To Do → In Progress).")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [Authorize(Policy = Policies.Reviewer)]
    public static async Task<(Results<Ok<ApprovalResponse>, NotFound, ProblemHttpResult>, OutgoingMessages)> Post(
        Guid id, ApprovalsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var messages = new OutgoingMessages();
        var request = await db.Requests.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return (TypedResults.NotFound(), messages);
        }

        if (!request.CanStart)
        {
            return (ReviewConflict.Problem(request, "start"), messages);
        }

        messages.Add(request.Start(clock.GetUtcNow()));
        return (TypedResults.Ok(ApprovalResponse.From(request)), messages);
    }
}

/// <summary>Starting a review from an in-process caller (the board page); the caller checks the reviewer role.</summary>
public sealed record StartReview(Guid ApprovalId);

/// <summary>What an in-process review command did: null <see cref="Problem"/> means it happened.</summary>
public sealed record ReviewActionResult(string? Problem)
{
    public static readonly ReviewActionResult Done = new((string?)null);

    /// <summary>Reads the HTTP endpoint's answer, so the UI and the API share one implementation.</summary>
    internal static ReviewActionResult From(IResult result) => result switch
    {
        NotFound => new ReviewActionResult("This approval request does not exist."),
        ProblemHttpResult problem => new ReviewActionResult(problem.ProblemDetails switch
        {
            HttpValidationProblemDetails invalid => string.Join(" ", invalid.Errors.SelectMany(e => e.Value)),
            var details => details.Detail ?? details.Title ?? "The review cannot do this now.",
        }),
        _ => Done,
    };
}

public static class StartReviewHandler
{
    /// <summary>Invoked through Wolverine: the endpoint's own logic, committed with its cascaded messages.</summary>
    public static async Task<(ReviewActionResult, OutgoingMessages)> Handle(
        StartReview command, ApprovalsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (result, messages) = await StartReviewEndpoint.Post(command.ApprovalId, db, clock, cancellationToken);
        return (ReviewActionResult.From(result.Result), messages);
    }
}
