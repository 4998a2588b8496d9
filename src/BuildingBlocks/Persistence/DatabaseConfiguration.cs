using BlogModular.BuildingBlocks.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Wolverine.EntityFrameworkCore;

namespace BlogModular.BuildingBlocks.Persistence;

public static class DatabaseConfiguration
{
    public const string ConnectionStringName = "BlogModular";

    /// <summary>Wolverine's envelope tables (outbox, inbox, dead letters) live in this schema, apart from every module.</summary>
    public const string EnvelopeSchema = "wolverine";

    /// <summary>
    /// The module's DbContext in its own schema, enlisted in Wolverine's transactions and outbox (an entity and the
    /// messages its handler cascades commit together), and its migrations applied with every other module's.
    /// </summary>
    public static WebApplicationBuilder AddModuleDbContext<TContext>(this WebApplicationBuilder builder, ModuleDescriptor module)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetBlogModularConnectionString();
        builder.Services.AddDbContextWithWolverineIntegration<TContext>(
            options => options.UseModuleNpgsql(connectionString, module.Schema), EnvelopeSchema);
        builder.Services.AddModuleDatabase<TContext>(module.Name);
        return builder;
    }

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
