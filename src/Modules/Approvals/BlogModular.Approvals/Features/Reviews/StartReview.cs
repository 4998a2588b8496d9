using System.Security.Claims;
using BlogModular.Approvals.Contracts;
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
/// A reviewer picks up a request: To Do → In Progress, assigned to them; never a request for their own post (403).
/// Callers check the reviewer role.
/// </summary>
public sealed record StartReview(Guid ApprovalId, Actor Reviewer);

public static class StartReviewHandler
{
    public static Task<ApprovalRequest?> LoadAsync(StartReview command, ApprovalsDbContext db, CancellationToken cancellationToken) =>
        db.Requests.SingleOrDefaultAsync(r => r.Id == command.ApprovalId, cancellationToken);

    /// <summary>
    /// The state change (with the time the assignee is due a reminder) and the cascaded <see cref="ReviewStarted"/>
    /// commit in one transaction (Wolverine's outbox).
    /// </summary>
    public static (UseCaseResult<ApprovalResponse>, ReviewStarted?) Handle(
        StartReview command, ApprovalRequest? request, TimeProvider clock, IOptions<ReviewSettings> settings)
    {
        if (request is null)
        {
            return (new UseCaseProblem.NotFound(ReviewConflict.NotFound), null);
        }

        if (request.IsWrittenBy(command.Reviewer.Id))
        {
            return (ReviewConflict.OwnPost, null);
        }

        if (!request.CanStart)
        {
            return (ReviewConflict.Problem(request, "start"), null);
        }

        var started = request.Start(command.Reviewer, clock.GetUtcNow(), settings.Value.RemindAfter);
        return (ApprovalResponse.From(request), started);
    }
}

public static class StartReviewEndpoint
{
    [WolverinePost(ApprovalRoutes.Start)]
    [EndpointSummary("Starts the review of an approval request (To Do → In Progress) and assigns it to the caller.")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [Authorize(Policy = Policies.Reviewer)]
    public static async Task<Results<Ok<ApprovalResponse>, NotFound, ProblemHttpResult>> Post(
        Guid id, ClaimsPrincipal user, IMessageBus bus, CancellationToken cancellationToken)
    {
        var result = await bus.InvokeAsync<UseCaseResult<ApprovalResponse>>(new StartReview(id, user.ToActor()!), cancellationToken);
        return result.ToHttp(TypedResults.Ok);
    }
}
