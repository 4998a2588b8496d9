using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace BlogModular.BuildingBlocks.Persistence;

public static class DatabaseConfiguration
{
    public const string ConnectionStringName = "BlogModular";

    /// <summary>The one PostgreSQL database every module shares (each in its own schema). Never defaulted: a missing value is a startup error.</summary>
    public static string GetBlogModularConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } value
            ? value
            : throw new DatabaseNotConfiguredException(
                $"PostgreSQL is not configured. Set ConnectionStrings:{ConnectionStringName} " +
                $"(environment variable ConnectionStrings__{ConnectionStringName}); ./run.sh does this for a local cluster.");

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
