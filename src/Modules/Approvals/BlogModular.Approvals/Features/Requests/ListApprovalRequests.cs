using System.Security.Claims;
using BlogModular.Approvals.Domain;
using BlogModular.Approvals.Persistence;
using BlogModular.BuildingBlocks.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Wolverine.Http;
using BlogModular.BuildingBlocks.Security;
using Microsoft.AspNetCore.Authorization;
using BlogModular.Approvals.Features.Reviews;
using Microsoft.Extensions.Options;

namespace BlogModular.Approvals.Features.Requests;

/// <summary>The review board's columns: requests by progress (and optionally post), oldest first.</summary>
public static class ListApprovalRequestsEndpoint
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static ProblemDetails Validate(ReviewProgress? progress, int? limit, string? after)
    {
        var validation = new Validation().Limit(limit, MaxLimit).Cursor(after, out _);
        if (progress is { } value && !Enum.IsDefined(value))
        {
            validation.Add("progress", "'progress' must be one of ToDo, InProgress, Done, Superseded.");
        }

        return validation.ToProblemDetails();
    }

    [WolverineGet(ApprovalRoutes.Approvals)]
    [EndpointSummary("Lists approval requests by progress (and post), oldest first, with assignees and overdue flags.")]
    [Authorize(Policy = Policies.Reviewer)]
    public static Task<Page<ApprovalResponse>> Get(
        ReviewProgress? progress, Guid? postId, int? limit, string? after, ClaimsPrincipal user, ApprovalsDbContext db, TimeProvider clock,
        IOptions<ReviewSettings> settings, CancellationToken cancellationToken) =>
        ListAsync(progress, postId, limit, after, user.Id(), db, clock, settings, cancellationToken);

    /// <summary>The list as <paramref name="caller"/> sees it (their own posts marked); the board reads it too.</summary>
    internal static async Task<Page<ApprovalResponse>> ListAsync(
        ReviewProgress? progress, Guid? postId, int? limit, string? after, Guid? caller, ApprovalsDbContext db, TimeProvider clock,
        IOptions<ReviewSettings> settings, CancellationToken cancellationToken)
    {
        var take = limit ?? DefaultLimit;
        var query = db.Requests.AsNoTracking();
        if (progress is { } p)
        {
            query = query.Where(r => r.Progress == p);
        }

        if (postId is { } id)
        {
            query = query.Where(r => r.PostId == id);
        }

        if (KeysetCursor.TryDecode(after, out var cursor))
        {
            query = query.Where(r => EF.Functions.GreaterThan(
                ValueTuple.Create(r.RequestedAt, r.Id),
                ValueTuple.Create(cursor.At, cursor.Id)));
        }

        var requests = await query
            .OrderBy(r => r.RequestedAt).ThenBy(r => r.Id)
            .Take(take + 1)
            .ToListAsync(cancellationToken);

        var now = clock.GetUtcNow();
        return Page.FromKeyset(requests, take, r => new KeysetCursor(r.RequestedAt, r.Id),
            r => ApprovalResponse.From(r, settings.Value.IsOverdue(r, now), caller));
    }

    /// <summary>The board's Done column: the latest decision first (a request is last updated when it is decided).</summary>
    internal static async Task<Page<ApprovalResponse>> LatestDecisions(
        int take, string? after, Guid? caller, ApprovalsDbContext db, CancellationToken cancellationToken)
    {
        var query = db.Requests.AsNoTracking().Where(r => r.Progress == ReviewProgress.Done);
        if (KeysetCursor.TryDecode(after, out var cursor))
        {
            query = query.Where(r => EF.Functions.LessThan(
                ValueTuple.Create(r.UpdatedAt, r.Id),
                ValueTuple.Create(cursor.At, cursor.Id)));
        }

        var requests = await query
            .OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Id)
            .Take(take + 1)
            .ToListAsync(cancellationToken);

        // Done is never overdue.
        return Page.FromKeyset(requests, take, r => new KeysetCursor(r.UpdatedAt, r.Id), r => ApprovalResponse.From(r, caller: caller));
    }
}
