using System.Security.Claims;
using BlogModular.Accounts.Domain;
using BlogModular.Accounts.Persistence;
using BlogModular.BuildingBlocks.Security;
using BlogModular.BuildingBlocks.UseCases;
using BlogModular.BuildingBlocks.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace BlogModular.Accounts.Features.Access;

/// <summary>Grants or removes <see cref="Role"/> for the account with this e-mail address.</summary>
public sealed record ChangeRole(string? Email, string Role, RoleChangeKind Change, RoleChanger By);

/// <summary>
/// The one place roles change (the API and <c>accounts add-user</c>): the role and its <see cref="RoleChange"/> record
/// commit in one transaction, so the log holds every change and nothing that did not happen. Granting a role the account
/// holds, or removing one it does not, changes and records nothing (false). A removal reaches the account's open
/// sessions when they are next revalidated (Accounts:Sessions:RevalidateAfter, ADR 0021), not at once.
/// A scoped service rather than a Wolverine handler: Identity's <see cref="UserManager{TUser}"/> saves through the
/// scope's DbContext, which must be the one the record is added to and the transaction is on.
/// </summary>
public sealed class RoleAssignments(UserManager<User> users, AccountsDbContext db, TimeProvider clock)
{
    public async Task<UseCaseResult<bool>> ChangeAsync(ChangeRole command, CancellationToken cancellationToken = default)
    {
        if (command.Email?.Trim() is not { Length: > 0 } email)
        {
            return new Validation().Add("email", "'email' is required.").ToProblem()!;
        }

        var user = await users.FindByEmailAsync(email);
        return user is null ? new UseCaseProblem.NotFound("No account has this e-mail address.") : await ChangeAsync(user, command, cancellationToken);
    }

    internal async Task<UseCaseResult<bool>> ChangeAsync(User user, ChangeRole command, CancellationToken cancellationToken)
    {
        if (await users.IsInRoleAsync(user, command.Role) == (command.Change == RoleChangeKind.Granted))
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = command.Change == RoleChangeKind.Granted
            ? await users.AddToRoleAsync(user, command.Role)
            : await users.RemoveFromRoleAsync(user, command.Role);
        if (!result.Succeeded)
        {
            return new UseCaseProblem.Conflict("The role could not be changed", string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        db.RoleChanges.Add(RoleChange.Of(user, command.Role, command.Change, command.By, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}

/// <summary>
/// Reviewers make other accounts reviewers or take the role away; operators do the same for operators. The first of
/// each comes from the command line (<c>accounts add-user --reviewer / --operator</c>). Answers 204 whether or not the
/// account already was (or was not) in the role, 404 for an unknown address, 400 for a missing one.
/// </summary>
internal static class RoleEndpoints
{
    public const string Reviewers = "/api/reviewers";
    public const string Reviewer = "/api/reviewers/{email}";
    public const string Operators = "/api/operators";
    public const string Operator = "/api/operators/{email}";

    public static void MapRoleEndpoints(this IEndpointRouteBuilder app)
    {
        // The first route, kept as it was: the address in the body.
        app.MapPost(Reviewers, (GrantReviewer? request, ClaimsPrincipal user, HttpContext http) =>
                ChangeAsync(request?.Email, Roles.Reviewer, RoleChangeKind.Granted, user, http))
            .RequireAuthorization(Policies.Reviewer).WithTags(AccountsModule.Name)
            .WithName("grantReviewer").WithSummary("Makes the account with this e-mail address a reviewer.");
        Map(app, Reviewer, Roles.Reviewer, Policies.Reviewer, "Reviewer");
        Map(app, Operator, Roles.Operator, Policies.Operator, "Operator");
    }

    private static void Map(IEndpointRouteBuilder app, string route, string role, string policy, string name)
    {
        var article = name.StartsWith('O') ? "an" : "a";
        app.MapPut(route, (string email, ClaimsPrincipal user, HttpContext http) => ChangeAsync(email, role, RoleChangeKind.Granted, user, http))
            .RequireAuthorization(policy).WithTags(AccountsModule.Name)
            .WithName($"grant{name}Role").WithSummary($"Makes the account with this e-mail address {article} {name.ToLowerInvariant()}.");
        app.MapDelete(route, (string email, ClaimsPrincipal user, HttpContext http) => ChangeAsync(email, role, RoleChangeKind.Removed, user, http))
            .RequireAuthorization(policy).WithTags(AccountsModule.Name)
            .WithName($"remove{name}Role").WithSummary($"Takes the {name.ToLowerInvariant()} role from the account with this e-mail address.");
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> ChangeAsync(
        string? email, string role, RoleChangeKind change, ClaimsPrincipal user, HttpContext http)
    {
        var by = new RoleChanger(user.Id(), user.Identity?.Name ?? user.DisplayName());
        var result = await http.RequestServices.GetRequiredService<RoleAssignments>()
            .ChangeAsync(new ChangeRole(email, role, change, by), http.RequestAborted);
        return result.ToHttp(_ => TypedResults.NoContent());
    }
}

/// <summary>The body of <c>POST /api/reviewers</c>.</summary>
public sealed record GrantReviewer(string? Email);
