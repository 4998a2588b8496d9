using BlogModular.Accounts.Domain;
using BlogModular.Accounts.Features.Users;
using BlogModular.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.Identity;

namespace BlogModular.Host.Accounts;

/// <summary>
/// <c>BlogModular.Host accounts add-user --email E --name N --password P [--reviewer]</c>: creates a confirmed
/// account (or updates an existing one) from the command line, e.g. the first reviewer of a deployment.
/// </summary>
internal static class AccountsCommand
{
    public const string Name = "accounts";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args is not [Name, "add-user", ..] ||
            Option(args, "--email") is not { } email || Option(args, "--password") is not { } password)
        {
            await Console.Error.WriteLineAsync("usage: accounts add-user --email E --password P [--name N] [--reviewer]");
            return 2;
        }

        if (app.Environment.IsDevelopment())
        {
            await app.Services.MigrateModuleDatabasesAsync();
        }

        await using var scope = app.Services.CreateAsyncScope();
        var reviewer = args.Contains("--reviewer");
        var result = await AddUserHandler.Handle(
            new AddUser(email, Option(args, "--name"), password, reviewer), scope.ServiceProvider.GetRequiredService<UserManager<User>>());
        foreach (var error in result.Errors)
        {
            await Console.Error.WriteLineAsync(error);
        }

        if (!result.Succeeded)
        {
            return 1;
        }

        Console.WriteLine($"Account {email} ({result.DisplayName}) ready{(reviewer ? " as a reviewer" : "")}.");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
