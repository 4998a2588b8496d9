using Microsoft.Extensions.Configuration;
using BlogModular.BuildingBlocks.Persistence;
using Npgsql;

namespace BlogModular.Host.Platform;

/// <summary>
/// Turns "the database is not configured or cannot be used" into one line for an operator: which database, and what
/// to check. Other exceptions are not described (they are bugs and keep their stack trace).
/// </summary>
internal static class DatabaseFailure
{
    public static string? Describe(Exception exception, IConfiguration? configuration)
    {
        if (Find<DatabaseNotConfiguredException>(exception) is { } missing)
        {
            return missing.Message;
        }

        if (Find<NpgsqlException>(exception) is not { } npgsql)
        {
            return null;
        }

        // Every connection string points at the same database (as different roles); the message store's names it.
        var database = "the PostgreSQL database";
        if ((configuration?.GetConnectionString(DatabaseConfiguration.MessagingConnectionName)
             ?? configuration?.GetConnectionString(DatabaseConfiguration.AdminConnectionName)) is { Length: > 0 } connectionString)
        {
            try
            {
                var settings = new NpgsqlConnectionStringBuilder(connectionString);
                database = $"PostgreSQL database '{settings.Database}' on {settings.Host}:{settings.Port}";
            }
            catch (ArgumentException)
            {
                database = "the PostgreSQL database (the connection string does not parse)";
            }
        }

        var reason = (npgsql.InnerException is { } inner && inner is not NpgsqlException ? $"{npgsql.Message} ({inner.Message})" : npgsql.Message).TrimEnd('.');
        if (npgsql is PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege })
        {
            return $"Cannot use {database}: {reason}. A module's role lacks a right it needs: run `migrate` with " +
                   $"ConnectionStrings:{DatabaseConfiguration.AdminConnectionName} set, which creates the roles and grants (docs/deployment.md, Database roles).";
        }

        var names = string.Join(", ", Modules.All.Select(m => m.ConnectionStringName)
            .Append(DatabaseConfiguration.MessagingConnectionName).Append(DatabaseConfiguration.AdminConnectionName)
            .Select(name => $"ConnectionStrings__{name}"));
        return $"Cannot use {database}: {reason}. Check that PostgreSQL runs there and accepts connections, and the host, port, " +
               $"database, user names and passwords of the connection strings (environment variables {names}; Admin is read by migrate only).";
    }

    private static T? Find<T>(Exception? exception) where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T found)
            {
                return found;
            }

            if (exception is AggregateException { InnerExceptions: [var single] })
            {
                return Find<T>(single);
            }
        }

        return null;
    }
}
