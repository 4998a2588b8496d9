using System.Data.Common;
using System.Security.Cryptography;

namespace BlogModular.Testing;

/// <summary>
/// The connection strings a host gets, as a deployment would have them: one login role per module plus the message
/// store's (<c>ConnectionStrings:&lt;Module&gt;</c>, <c>ConnectionStrings:Messaging</c>), each with a password made up
/// here, and the server's superuser as <c>ConnectionStrings:Admin</c>, which only <c>migrate</c> (or
/// DatabaseRoles.ProvisionAsync in-process) is given. The roles exist once that has run.
/// </summary>
public sealed class DatabaseLogins
{
    public const string Messaging = "Messaging";
    public const string AdminName = "Admin";

    private readonly Dictionary<string, string> _connectionStrings = [];

    /// <param name="admin">A superuser's connection string (<see cref="PostgresServer.ConnectionString"/>).</param>
    /// <param name="modules">The modules' connection string names, read from their descriptors.</param>
    public DatabaseLogins(string admin, IEnumerable<string> modules)
    {
        Admin = admin;
        foreach (var name in modules.Append(Messaging))
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = admin };
            foreach (var key in new[] { "Username", "User ID", "UserId", "User Name", "User", "Password", "PWD" })
            {
                builder.Remove(key);
            }

            builder["Username"] = RoleOf(name);
            builder["Password"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            _connectionStrings[name] = builder.ConnectionString;
        }
    }

    public string Admin { get; }

    /// <summary>By name: each module's and the message store's, not the admin's.</summary>
    public IReadOnlyDictionary<string, string> ConnectionStrings => _connectionStrings;

    public string this[string name] => _connectionStrings[name];

    public static string RoleOf(string name) => $"blogmodular_{name.ToLowerInvariant()}";

    /// <summary>As configuration keys (<c>ConnectionStrings:Blogging</c>); with the admin's only when asked.</summary>
    public Dictionary<string, string?> Settings(bool admin = false) => Entries(admin).ToDictionary(e => $"ConnectionStrings:{e.Key}", e => (string?)e.Value);

    /// <summary>As environment variables (<c>ConnectionStrings__Blogging</c>); with the admin's only when asked (migrate).</summary>
    public Dictionary<string, string> Environment(bool admin = false) => Entries(admin).ToDictionary(e => $"ConnectionStrings__{e.Key}", e => e.Value);

    /// <summary>
    /// Runs <c>BlogModular.Host migrate</c> as a deployment does, with <paramref name="environment"/> (Kafka, modules)
    /// plus these connection strings and the admin's: roles, schemas, Wolverine's tables, then every module's migrations.
    /// </summary>
    public async Task MigrateAsync(IReadOnlyDictionary<string, string> environment)
    {
        var withAdmin = new Dictionary<string, string>(environment);
        foreach (var (key, value) in Environment(admin: true))
        {
            withAdmin[key] = value;
        }

        await using var command = HostProcess.Start("migrate", withAdmin, port: null, "migrate");
        var exitCode = await command.WaitForExitAsync(TimeSpan.FromSeconds(120));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"migrate exited with {exitCode}:{System.Environment.NewLine}{command.Tail()}");
        }
    }

    private IEnumerable<KeyValuePair<string, string>> Entries(bool admin) =>
        admin ? _connectionStrings.Append(new(AdminName, Admin)) : _connectionStrings;
}

public static class WebHostBuilderSettings
{
    /// <summary>
    /// Host settings in-process hosts read while Program builds them (UseSetting: configuration added later comes too late).
    /// </summary>
    public static Microsoft.AspNetCore.Hosting.IWebHostBuilder UseSettings(
        this Microsoft.AspNetCore.Hosting.IWebHostBuilder builder, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        return builder;
    }
}
