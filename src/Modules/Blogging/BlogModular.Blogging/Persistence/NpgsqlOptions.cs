using Microsoft.EntityFrameworkCore;

namespace BlogModular.Blogging.Persistence;

internal static class NpgsqlOptions
{
    /// <summary>The module's migrations history lives in its own schema, like its tables.</summary>
    public static DbContextOptionsBuilder UseBloggingNpgsql(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history", BloggingDbContext.Schema))
            .UseSnakeCaseNamingConvention();
}
