using BlogModular.Approvals.Features.Requests;
using BlogModular.Approvals.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
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
