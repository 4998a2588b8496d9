using BlogModular.BuildingBlocks.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Wolverine.EntityFrameworkCore;

namespace BlogModular.BuildingBlocks.Persistence;

public static class DatabaseConfiguration
{
    /// <summary>
    /// The connection Wolverine's message store uses (durability agent, inbox and outbox recovery, dead letters, node
    /// tables): <c>ConnectionStrings:Messaging</c>. Each module's DbContext has its own (<see cref="ModuleDescriptor.ConnectionStringName"/>).
    /// </summary>
    public const string MessagingConnectionName = "Messaging";

    /// <summary>
    /// A connection allowed to create login roles, schemas and Wolverine's tables: <c>ConnectionStrings:Admin</c>,
    /// read by <c>migrate</c> only. The application never connects with it.
    /// </summary>
    public const string AdminConnectionName = "Admin";

    /// <summary>Wolverine's envelope tables (outbox, inbox, dead letters) live in this schema, apart from every module.</summary>
    public const string EnvelopeSchema = "wolverine";

    /// <summary>
    /// The module's DbContext in its own schema, enlisted in Wolverine's transactions and outbox (an entity and the
    /// messages its handler cascades commit together), and its migrations applied with every other module's.
    /// </summary>
    public static WebApplicationBuilder AddModuleDbContext<TContext>(this WebApplicationBuilder builder, ModuleDescriptor module)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetRequiredConnectionString(module.ConnectionStringName);
        builder.Services.AddDbContextWithWolverineIntegration<TContext>(
            options => options.UseModuleNpgsql(connectionString, module.Schema), EnvelopeSchema);
        builder.Services.AddModuleDatabase<TContext>(module.Name);
        return builder;
    }

    /// <summary>
    /// A connection string of the one PostgreSQL database every module shares (each in its own schema, as its own
    /// login role). Never defaulted: a missing value is a startup error naming the setting.
    /// </summary>
    public static string GetRequiredConnectionString(this IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name) is { Length: > 0 } value
            ? WithAutoPrepare(value)
            : throw new DatabaseNotConfiguredException(
                $"PostgreSQL is not configured for {name}. Set ConnectionStrings:{name} " +
                $"(environment variable ConnectionStrings__{name}); ./run.sh does this for a local cluster.");

    /// <summary>
    /// Npgsql prepares the statements a pooled connection runs repeatedly (Npgsql's <c>Max Auto Prepare</c>, off by
    /// default), so PostgreSQL parses and plans each once per connection instead of at every execution: every create
    /// runs the same two dozen statements. A connection string that sets a value of its own keeps it.
    /// </summary>
    private static string WithAutoPrepare(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (settings.MaxAutoPrepare > 0)
        {
            return connectionString;
        }

        settings.MaxAutoPrepare = AutoPreparedStatements;
        return settings.ConnectionString;
    }

    /// <summary>How many statements each connection keeps prepared: more than the distinct statements of the hot paths.</summary>
    private const int AutoPreparedStatements = 64;

    /// <summary>The message store's connection (<see cref="MessagingConnectionName"/>).</summary>
    public static string GetMessagingConnectionString(this IConfiguration configuration) =>
        configuration.GetRequiredConnectionString(MessagingConnectionName);

    /// <summary>
    /// PostgreSQL for one module's DbContext: snake_case names, and the migrations history in the module's own
    /// schema, like its tables, so each module migrates independently.
    /// </summary>
    public static DbContextOptionsBuilder UseModuleNpgsql(this DbContextOptionsBuilder options, string connectionString, string schema) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history", schema))
            .UseSnakeCaseNamingConvention();
}

/// <summary>The connection string is missing: its message says which setting to set.</summary>
public sealed class DatabaseNotConfiguredException(string message) : InvalidOperationException(message);
