using BlogModular.BuildingBlocks.Persistence;
using Npgsql;

namespace BlogModular.Host.Platform.Database;

/// <summary>
/// The application connects as the module roles that <c>migrate</c> creates, never as a superuser (ADR 0024): a
/// superuser ignores every grant, so one module's bug could read or change another's data. Outside Development a
/// connection string that logs in as a superuser stops the start; in Development it is logged as a warning.
/// </summary>
internal static class SuperuserGuard
{
    public static WebApplicationBuilder AddSuperuserGuard(this WebApplicationBuilder builder)
    {
        var names = Modules.EnabledIn(builder.Configuration).Select(m => m.ConnectionStringName)
            .Append(DatabaseConfiguration.MessagingConnectionName).ToList();
        // First hosted service: before migrations (Development) or Wolverine touch the database.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(services => new Check(
            names, services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IHostEnvironment>(),
            services.GetRequiredService<ILogger<Check>>())));
        return builder;
    }

    internal sealed class Check(IReadOnlyList<string> names, IConfiguration configuration, IHostEnvironment environment, ILogger<Check> logger)
        : IHostedService
    {
        // The logins are checked at once: each is a new connection (with its password exchange) on the start's path.
        public Task StartAsync(CancellationToken cancellationToken) =>
            Task.WhenAll(names.Select(name => CheckAsync(name, cancellationToken)));

        private async Task CheckAsync(string name, CancellationToken cancellationToken)
        {
            await using var connection = new NpgsqlConnection(configuration.GetRequiredConnectionString(name));
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("select current_user::text, rolsuper from pg_roles where rolname = current_user", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken) || !reader.GetBoolean(1))
            {
                return;
            }

            var role = reader.GetString(0);
            if (!environment.IsDevelopment())
            {
                throw new DatabaseNotConfiguredException(
                    $"ConnectionStrings:{name} connects as '{role}', a superuser. The application connects as each module's own " +
                    "login role; run `migrate` with ConnectionStrings:Admin to create them (docs/deployment.md, Database roles).");
            }

            logger.LogWarning(
                "ConnectionStrings:{Name} connects as {Role}, a superuser: module boundaries are not enforced by the database. " +
                "Outside Development the host refuses to start like this", name, role);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
