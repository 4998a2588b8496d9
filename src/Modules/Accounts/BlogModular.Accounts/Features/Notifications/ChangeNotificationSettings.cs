using System.Security.Claims;
using BlogModular.Accounts.Persistence;
using BlogModular.BuildingBlocks.Security;
using BlogModular.BuildingBlocks.UseCases;
using BlogModular.BuildingBlocks.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Wolverine;
using Wolverine.Http;

namespace BlogModular.Accounts.Features.Notifications;

/// <summary>The signed-in user turns e-mails on or off; notifications of a kind turned off are not sent.</summary>
public sealed record ChangeNotificationSettings(Actor User, bool ReviewDecisionEmails);

public static class ChangeNotificationSettingsHandler
{
    public static async Task<UseCaseResult<NotificationSettings>> Handle(
        ChangeNotificationSettings command, AccountsDbContext db, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == command.User.Id, cancellationToken);
        if (user is null)
        {
            return new UseCaseProblem.NotFound("This account does not exist.");
        }

        user.ReviewDecisionEmails = command.ReviewDecisionEmails;
        return new NotificationSettings(user.ReviewDecisionEmails);
    }
}

public static class ChangeNotificationSettingsEndpoint
{
    public static ProblemDetails Validate(NotificationSettingsRequest? request) =>
        request is null ? Validation.BodyRequired()
        : request.ReviewDecisionEmails is null ? new Validation().Add("reviewDecisionEmails", "'reviewDecisionEmails' is required.").ToProblemDetails()
        : WolverineContinue.NoProblems;

    [WolverinePut(NotificationRoutes.Settings)]
    [EndpointSummary("Turns the caller's e-mails on or off (review decisions on their posts); answers the new settings.")]
    [Authorize(Policy = Policies.Author)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public static async Task<Results<Ok<NotificationSettings>, NotFound, ProblemHttpResult>> Put(
        NotificationSettingsRequest request, ClaimsPrincipal user, IMessageBus bus, CancellationToken cancellationToken) =>
        (await bus.InvokeAsync<UseCaseResult<NotificationSettings>>(
            new ChangeNotificationSettings(user.ToActor()!, request.ReviewDecisionEmails!.Value), cancellationToken))
        .ToHttp(TypedResults.Ok);
}
