using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BlogModular.BuildingBlocks.Security;
using BlogModular.Accounts;
using BlogModular.Accounts.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BlogModular.EndToEnd.Tests;

/// <summary>Real accounts for tests: created through Identity, signed in through POST /api/auth/login.</summary>
public static class Accounts
{
    public const string Password = "Correct-horse-1";

    /// <summary>A confirmed account (as after following the e-mailed link), signed in, as an API client.</summary>
    public static async Task<Api> SignedInAsync(this AppFixture app, string displayName, bool reviewer = false, bool @operator = false)
    {
        var email = $"{displayName.ToLowerInvariant().Replace(' ', '.')}.{Guid.NewGuid():N}@example.test";
        await using (var scope = app.Host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var user = new User { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
            (await users.CreateAsync(user, Password)).Succeeded.ShouldBeTrue();
            if (reviewer)
            {
                (await users.AddToRoleAsync(user, Roles.Reviewer)).Succeeded.ShouldBeTrue();
            }

            if (@operator)
            {
                (await users.AddToRoleAsync(user, Roles.Operator)).Succeeded.ShouldBeTrue();
            }
        }

        var http = app.Host.Server.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await LoginAsync(http, email, Password));
        return new Api(http) { Email = email };
    }

    public static async Task<string> LoginAsync(HttpClient http, string email, string password)
    {
        var response = await http.PostAsJsonAsync("/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
    }
}
