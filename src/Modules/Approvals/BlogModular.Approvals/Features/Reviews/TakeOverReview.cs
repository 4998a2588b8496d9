using System.Security.Claims;
using BlogModular.Approvals.Domain;
using BlogModular.Approvals.Features.Requests;
using BlogModular.Approvals.Persistence;
using BlogModular.BuildingBlocks.Security;
using BlogModular.BuildingBlocks.UseCases;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.Http;

namespace BlogModular.Approvals.Features.Reviews;

/// <summary>
/// A reviewer takes over a review another reviewer started: it stays In Progress and is reassigned to the caller.
/// Taking over one's own review changes nothing and succeeds (a retried click is harmless). Callers check the
/// reviewer role. Nobody takes over a review of their own post (403).
/// </summary>
public sealed record TakeOverReview(Guid ApprovalId, Actor Reviewer);

public static class TakeOverReviewHandler
{
    public static Task<ApprovalRequest?> LoadAsync(TakeOverReview command, ApprovalsDbContext db, CancellationToken cancellationToken) =>
        db.Requests.SingleOrDefaultAsync(r => r.Id == command.ApprovalId, cancellationToken);

    /// <summary>The reassignment, its timeline step and the new assignee's reminder time commit in one transaction.</summary>
    public static UseCaseResult<ApprovalResponse> Handle(
        TakeOverReview command, ApprovalRequest? request, TimeProvider clock, IOptions<ReviewSettings> settings)
    {
        if (request is null)
        {
            return new UseCaseProblem.NotFound(ReviewConflict.NotFound);
        }

        if (request.IsWrittenBy(command.Reviewer.Id))
        {
            return ReviewConflict.OwnPost;
        }

        if (!request.CanTakeOver)
        {
            return ReviewConflict.Problem(request, "take over",
                request.Progress == ReviewProgress.ToDo ? "Nobody has started it: start it instead." : null);
        }

        request.TakeOver(command.Reviewer, clock.GetUtcNow(), settings.Value.RemindAfter);
        return ApprovalResponse.From(request);
    }
}

public static class TakeOverReviewEndpoint
{
    [WolverinePost(ApprovalRoutes.Takeover)]
    [EndpointSummary("Takes over a review in progress: it is reassigned to the caller (taking over one's own changes nothing).")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [Authorize(Policy = Policies.Reviewer)]
    public static async Task<Results<Ok<ApprovalResponse>, NotFound, ProblemHttpResult>> Post(
        Guid id, ClaimsPrincipal user, IMessageBus bus, CancellationToken cancellationToken)
    {
        var result = await bus.InvokeAsync<UseCaseResult<ApprovalResponse>>(new TakeOverReview(id, user.ToActor()!), cancellationToken);
        return result.ToHttp(TypedResults.Ok);
    }
}
