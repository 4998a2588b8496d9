using System.Security.Claims;
using BlogModular.Approvals.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wolverine.Http;
using BlogModular.BuildingBlocks.Security;
using Microsoft.AspNetCore.Authorization;
using BlogModular.Approvals.Features.Reviews;
using Microsoft.Extensions.Options;

namespace BlogModular.Approvals.Features.Requests;

public static class GetApprovalRequestEndpoint
{
    [WolverineGet(ApprovalRoutes.Approval)]
    [EndpointSummary("Gets an approval request, with its assignee, overdue flag and timeline.")]
    [Authorize(Policy = Policies.Reviewer)]
    public static async Task<Results<Ok<ApprovalResponse>, NotFound>> Get(
        Guid id, ClaimsPrincipal user, ApprovalsDbContext db, TimeProvider clock, IOptions<ReviewSettings> settings, CancellationToken cancellationToken)
    {
        var request = await db.Requests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return request is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(ApprovalResponse.From(request, settings.Value.IsOverdue(request, clock.GetUtcNow()), user.Id()));
    }
}
