using System.Security.Claims;
using BlogModular.Accounts.Persistence;
using BlogModular.BuildingBlocks.Security;
using BlogModular.BuildingBlocks.UseCases;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wolverine;
using Wolverine.Http;

namespace BlogModular.Accounts.Features.Notifications;

/// <summary>The signed-in user's e-mail settings.</summary>
public sealed record GetNotificationSettings(Actor User);

public static class GetNotificationSettingsHandler
{
    public static async Task<UseCaseResult<NotificationSettings>> Handle(
        GetNotificationSettings query, AccountsDbContext db, CancellationToken cancellationToken)
    {
        var id = query.User.Id;
        var settings = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new NotificationSettings(u.ReviewDecisionEmails))
            .SingleOrDefaultAsync(cancellationToken);
        // A token outliving its deleted account.
        return settings is null ? new UseCaseProblem.NotFound("This account does not exist.") : settings;
    }
}

public static class GetNotificationSettingsEndpoint
{
    [WolverineGet(NotificationRoutes.Settings)]
    [EndpointSummary("Gets which e-mails the caller gets (review decisions on their posts).")]
    [Authorize(Policy = Policies.Author)]
    public static async Task<Results<Ok<NotificationSettings>, NotFound, ProblemHttpResult>> Get(
        ClaimsPrincipal user, IMessageBus bus, CancellationToken cancellationToken) =>
        (await bus.InvokeAsync<UseCaseResult<NotificationSettings>>(new GetNotificationSettings(user.ToActor()!), cancellationToken))
        .ToHttp(TypedResults.Ok);
}
