using System.CommandLine;
using BlogModular.Accounts.Domain;
using BlogModular.Accounts.Features.Access;
using BlogModular.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.Identity;

namespace BlogModular.Accounts.Features.Users;

/// <summary>
/// <c>BlogModular.Host accounts add-user --email E --password P [--name N] [--reviewer] [--operator]</c>: <see cref="AddUser"/>
/// from the command line, e.g. the first reviewer or operator of a deployment. Exit codes: 0 done, 2 refused (the reasons on stderr).
/// </summary>
internal static class AddUserCommand
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
        var @operator = new Option<bool>("--operator") { Description = "Give the account the operator role (message flow, dead letters, role management)" };

        var addUser = new Command("add-user", "Creates a confirmed account, or gives an existing one the reviewer or operator role")
        {
            email,
            password,
            name,
            reviewer,
            @operator,
        };
        addUser.SetAction((parse, _) => RunAsync(
            buildApp(), new AddUser(parse.GetRequiredValue(email), parse.GetValue(name), parse.GetRequiredValue(password), parse.GetValue(reviewer),
                parse.GetValue(@operator))));

        return new Command("accounts", "Manages accounts from the command line") { addUser };
    }

    private static async Task<int> RunAsync(WebApplication app, AddUser command)
    {
        if (app.Environment.IsDevelopment())
        {
            await app.Services.MigrateModuleDatabasesAsync();
        }

        // The host is not started here (no messaging runtime), so the handler is called directly.
        await using var scope = app.Services.CreateAsyncScope();
        var result = await AddUserHandler.Handle(
            command, scope.ServiceProvider.GetRequiredService<UserManager<User>>(), scope.ServiceProvider.GetRequiredService<RoleAssignments>());
        foreach (var error in result.Errors)
        {
            await Console.Error.WriteLineAsync(error);
        }

        if (!result.Succeeded)
        {
            return 2;
        }

        string[] roles = [.. command.Reviewer ? ["a reviewer"] : Array.Empty<string>(), .. command.Operator ? ["an operator"] : Array.Empty<string>()];
        Console.WriteLine($"Account {command.Email} ({result.DisplayName}) ready{(roles.Length > 0 ? " as " + string.Join(" and ", roles) : "")}.");
        return 0;
    }
}
