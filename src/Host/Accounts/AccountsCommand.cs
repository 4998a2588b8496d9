using BlogModular.BuildingBlocks.Persistence;
using BlogModular.BuildingBlocks.Security;
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
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new User { UserName = email, Email = email, EmailConfirmed = true, DisplayName = Option(args, "--name") ?? email.Split('@')[0] };
            if (Fail(await users.CreateAsync(user, password)))
            {
                return 1;
            }
        }

        if (args.Contains("--reviewer") && !await users.IsInRoleAsync(user, Roles.Reviewer) && Fail(await users.AddToRoleAsync(user, Roles.Reviewer)))
        {
            return 1;
        }

        Console.WriteLine($"Account {email} ({user.DisplayName}) ready{(args.Contains("--reviewer") ? " as a reviewer" : "")}.");
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

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
