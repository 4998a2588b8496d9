using BlogModular.Accounts.Domain;
using BlogModular.Accounts.Persistence;
using BlogModular.BuildingBlocks.Security;
using BlogModular.BuildingBlocks.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BlogModular.Accounts.Features.Access;

/// <summary>
/// One entry of the role-change log. <see cref="By"/> is the acting account (null id: the command line);
/// <see cref="Email"/> is the changed account's address at the time.
/// </summary>
public sealed record RoleChangeResponse(Guid Id, DateTimeOffset At, RoleChanger By, Guid UserId, string Email, string Role, RoleChangeKind Change);

/// <summary>Operators read who granted or removed which role, for whom and when: newest first, a page at a time.</summary>
internal static class ListRoleChangesEndpoint
{
    public const string Route = "/api/operators/role-changes";
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static RouteHandlerBuilder MapListRoleChanges(this IEndpointRouteBuilder app) =>
        app.MapGet(Route, ListAsync)
            .RequireAuthorization(Policies.Operator).WithTags(AccountsModule.Name)
            .WithName("listRoleChanges").WithSummary("Lists role grants and removals, newest first (operators only).");

    private static async Task<Results<Ok<Page<RoleChangeResponse>>, ProblemHttpResult>> ListAsync(
        int? limit, string? after, AccountsDbContext db, CancellationToken cancellationToken)
    {
        if (new Validation().Limit(limit, MaxLimit).Cursor(after, out var cursor).ToProblemDetails() is { Status: not null } invalid)
        {
            return TypedResults.Problem(invalid);
        }

        var take = limit ?? DefaultLimit;
        var query = db.RoleChanges.AsNoTracking();
        if (cursor is { } position)
        {
            query = query.Where(c => EF.Functions.LessThan(ValueTuple.Create(c.At, c.Id), ValueTuple.Create(position.At, position.Id)));
        }

        var changes = await query.OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Take(take + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(Page.FromKeyset(changes, take, c => new KeysetCursor(c.At, c.Id),
            c => new RoleChangeResponse(c.Id, c.At, new RoleChanger(c.ActorId, c.ActorName), c.UserId, c.UserEmail, c.Role, c.Change)));
    }
}
