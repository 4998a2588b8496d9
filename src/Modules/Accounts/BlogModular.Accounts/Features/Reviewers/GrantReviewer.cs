using BlogModular.Accounts.Domain;
using BlogModular.BuildingBlocks.Security;
using BlogModular.BuildingBlocks.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace BlogModular.Accounts.Features.Reviewers;

public sealed record GrantReviewer(string? Email);

internal static class GrantReviewerEndpoint
{
    public const string Route = "/api/reviewers";

    /// <summary>Reviewers make other accounts reviewers. The first one comes from the command line (AddUserCommand).</summary>
    public static RouteHandlerBuilder MapGrantReviewer(this IEndpointRouteBuilder app) =>
        app.MapPost(Route, async Task<Results<NoContent, NotFound, ProblemHttpResult>> (GrantReviewer? request, UserManager<User> users) =>
        {
            if (request?.Email is not { Length: > 0 } email)
            {
                return TypedResults.Problem(new Validation().Add("email", "'email' is required.").ToProblemDetails());
            }

            var user = await users.FindByEmailAsync(email.Trim());
            if (user is null)
            {
                return TypedResults.NotFound();
            }

            if (!await users.IsInRoleAsync(user, Roles.Reviewer))
            {
                await users.AddToRoleAsync(user, Roles.Reviewer);
            }

            return TypedResults.NoContent();
        })
        .RequireAuthorization(Policies.Reviewer)
        .WithTags(AccountsModule.Name)
        .WithName("grantReviewer").WithSummary("Makes the account with this e-mail address a reviewer.");
}
