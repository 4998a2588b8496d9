using System.CommandLine;
using BlogModular.BuildingBlocks.Persistence;
using BlogModular.BuildingBlocks.Security;
using Microsoft.AspNetCore.Identity;

namespace BlogModular.Host.Accounts;

/// <summary>
/// <c>BlogModular.Host accounts add-user --email E --password P [--name N] [--reviewer]</c>: creates a confirmed
/// account (or gives an existing one the reviewer role) from the command line, e.g. the first reviewer of a deployment.
/// </summary>
internal static class AccountsCommand
{
    public static Command Create(Func<WebApplication> buildApp)
    {
        var email = new Option<string>("--email") { Required = true, HelpName = "E", Description = "E-mail address, also the user name" };
        var password = new Option<string>("--password")
        {
            Required = true,
            HelpName = "P",
            Description = "Password of a new account (an existing account keeps its own)",
        };
        var name = new Option<string>("--name") { HelpName = "N", Description = "Display name of a new account (default: the e-mail address before the @)" };
        var reviewer = new Option<bool>("--reviewer") { Description = "Give the account the reviewer role" };

        var addUser = new Command("add-user", "Creates a confirmed account, or makes an existing one a reviewer")
        {
            email,
            password,
            name,
            reviewer,
        };
        addUser.SetAction((parse, _) => AddUserAsync(
            buildApp(), parse.GetRequiredValue(email), parse.GetRequiredValue(password), parse.GetValue(name), parse.GetValue(reviewer)));

        return new Command("accounts", "Manages accounts from the command line") { addUser };
    }

    private static async Task<int> AddUserAsync(WebApplication app, string email, string password, string? name, bool reviewer)
    {
        if (app.Environment.IsDevelopment())
        {
            await app.Services.MigrateModuleDatabasesAsync();
        }

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new User { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name ?? email.Split('@')[0] };
            if (Fail(await users.CreateAsync(user, password)))
            {
                return 2;
            }
        }

        if (reviewer && !await users.IsInRoleAsync(user, Roles.Reviewer) && Fail(await users.AddToRoleAsync(user, Roles.Reviewer)))
        {
            return 2;
        }

        Console.WriteLine($"Account {email} ({user.DisplayName}) ready{(reviewer ? " as a reviewer" : "")}.");
        return 0;
    }

    private static bool Fail(IdentityResult result)
    {
        foreach (var error in result.Errors)
        {
            Console.Error.WriteLine(error.Description);
        }

        return !result.Succeeded;
    }
}
