using BlogModular.Accounts.Domain;
using BlogModular.BuildingBlocks.Security;
using Microsoft.AspNetCore.Identity;

namespace BlogModular.Accounts.Features.Users;

/// <summary>
/// A confirmed account made by an operator, not by sign-up: the first reviewer of a deployment, or demo accounts.
/// An existing account with that e-mail is kept (its password unchanged) and only gains the reviewer role if asked.
/// </summary>
public sealed record AddUser(string Email, string? Name, string Password, bool Reviewer);

/// <summary>The account as it now is; <see cref="Errors"/> non-empty means nothing was changed or only part of it.</summary>
public sealed record AddUserResult(Guid? Id, string DisplayName, bool Created, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

public static class AddUserHandler
{
    public static async Task<AddUserResult> Handle(AddUser command, UserManager<User> users)
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

        if (command.Reviewer && !await users.IsInRoleAsync(user, Roles.Reviewer))
        {
            var result = await users.AddToRoleAsync(user, Roles.Reviewer);
            if (!result.Succeeded)
            {
                return new AddUserResult(user.Id, user.DisplayName, created, [.. result.Errors.Select(e => e.Description)]);
            }
        }

        return new AddUserResult(user.Id, user.DisplayName, created, []);
    }
}
