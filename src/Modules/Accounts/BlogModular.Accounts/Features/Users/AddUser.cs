using BlogModular.Accounts.Domain;
using BlogModular.Accounts.Features.Access;
using BlogModular.BuildingBlocks.Security;
using Microsoft.AspNetCore.Identity;

namespace BlogModular.Accounts.Features.Users;

/// <summary>
/// A confirmed account made from the command line, not by sign-up: the first reviewer or operator of a deployment, or
/// demo accounts. An existing account with that e-mail is kept (its password unchanged) and only gains the roles asked
/// for; each role it gains is recorded in the role-change log as done by the command line.
/// </summary>
public sealed record AddUser(string Email, string? Name, string Password, bool Reviewer, bool Operator = false);

/// <summary>The account as it now is; <see cref="Errors"/> non-empty means nothing was changed or only part of it.</summary>
public sealed record AddUserResult(Guid? Id, string DisplayName, bool Created, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

public static class AddUserHandler
{
    public static async Task<AddUserResult> Handle(AddUser command, UserManager<User> users, RoleAssignments roles)
    {
        var email = command.Email.Trim();
        var user = await users.FindByEmailAsync(email);
        var created = false;
        if (user is null)
        {
            var name = string.IsNullOrWhiteSpace(command.Name) ? email.Split('@')[0] : command.Name.Trim();
            user = new User { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
            var result = await users.CreateAsync(user, command.Password);
            if (!result.Succeeded)
            {
                return new AddUserResult(null, name, Created: false, [.. result.Errors.Select(e => e.Description)]);
            }

            created = true;
        }

        string[] granted = [.. (command.Reviewer ? [Roles.Reviewer] : Array.Empty<string>()), .. command.Operator ? [Roles.Operator] : Array.Empty<string>()];
        foreach (var role in granted)
        {
            var result = await roles.ChangeAsync(user, new ChangeRole(email, role, RoleChangeKind.Granted, RoleChanger.CommandLine), CancellationToken.None);
            if (result.Problem is { } problem)
            {
                return new AddUserResult(user.Id, user.DisplayName, created, [problem.ToMessage()]);
            }
        }

        return new AddUserResult(user.Id, user.DisplayName, created, []);
    }
}
