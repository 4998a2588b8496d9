using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace BlogModular.Testing;

/// <summary>Real accounts for out-of-process tests: created with the host's own <c>accounts add-user</c> command, signed in over HTTP.</summary>
public static class TestAccounts
{
    public const string Password = "Correct-horse-1";

    /// <summary>Runs <c>BlogModular.Host accounts add-user</c> with the deployment's settings (connection string, Kafka).</summary>
    public static async Task AddUserAsync(IReadOnlyDictionary<string, string> environment, string email, string name, bool reviewer)
    {
        string[] args = ["accounts", "add-user", "--email", email, "--name", name, "--password", Password, .. reviewer ? new[] { "--reviewer" } : []];
        await using var command = HostProcess.Start("accounts", environment, port: null, args);
        var exitCode = await command.WaitForExitAsync(TimeSpan.FromSeconds(90));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"accounts add-user exited with {exitCode}:{Environment.NewLine}{command.Tail()}");
        }
    }

    /// <summary>Signs in through POST /api/auth/login and makes <paramref name="http"/> carry the bearer token.</summary>
    public static async Task<HttpClient> SignInAsync(this HttpClient http, string email, string password = Password)
    {
        var response = await http.PostAsJsonAsync("/api/auth/login", new { email, password });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Login of {email} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
