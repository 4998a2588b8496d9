using System.Globalization;
using Npgsql;

namespace BlogModular.Bench;

/// <summary>
/// PostgreSQL's statement statistics (pg_stat_statements, preloaded by scripts/postgres.sh) and transaction counter for
/// the bench database, read over a connection to another database so the readings themselves are not counted.
/// </summary>
internal sealed class StatementStats : IAsyncDisposable
{
    private readonly NpgsqlDataSource _stats;
    private readonly string _database;

    private StatementStats(NpgsqlDataSource stats, string database)
    {
        _stats = stats;
        _database = database;
    }

    /// <summary>The extension's functions and view are created in the database they are read from: here, postgres.</summary>
    public static async Task<StatementStats> CreateAsync(Settings settings)
    {
        var stats = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Database = "postgres" }.ConnectionString);
        await using (var extension = stats.CreateCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements"))
        {
            await extension.ExecuteNonQueryAsync();
        }

        return new StatementStats(stats, settings.Postgres.Database!);
    }

    public async Task ResetAsync()
    {
        await using var reset = _stats.CreateCommand("SELECT pg_stat_statements_reset()");
        await reset.ExecuteNonQueryAsync();
    }

    /// <summary>Transactions committed or rolled back in the bench database so far.</summary>
    public async Task<long> TransactionsAsync()
    {
        await using var command = _stats.CreateCommand("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = $1");
        command.Parameters.AddWithValue(_database);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// The statements since the last reset, with the role that ran them (one login per module and one for the message
    /// store), their calls ÷ <paramref name="divisor"/> (per minute, per post, …) and their execution time; most frequent
    /// first, or most time first.
    /// </summary>
    public async Task<Table> TableAsync(string title, string callsHeader, double divisor, bool byCalls, int limit = 25)
    {
        await using var command = _stats.CreateCommand(
            $"""
            SELECT r.rolname, s.calls, s.total_exec_time, regexp_replace(s.query, '\s+', ' ', 'g')
            FROM pg_stat_statements s
            JOIN pg_roles r ON r.oid = s.userid
            JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname = $1
            ORDER BY {(byCalls ? "s.calls DESC, s.total_exec_time DESC" : "s.total_exec_time DESC")}
            LIMIT {limit}
            """);
        command.Parameters.AddWithValue(_database);
        var rows = new List<IReadOnlyList<string>>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var calls = reader.GetInt64(1);
            var query = reader.GetString(3);
            rows.Add(
            [
                reader.GetString(0),
                (calls / divisor).ToString("N2", CultureInfo.InvariantCulture),
                (reader.GetDouble(2) / Math.Max(calls, 1)).ToString("N3", CultureInfo.InvariantCulture),
                "`" + (query.Length > 140 ? query[..140] + "…" : query).Replace("|", "\\|", StringComparison.Ordinal) + "`",
            ]);
        }

        return new Table(title, ["role", callsHeader, "mean ms", "statement"], rows);
    }

    public ValueTask DisposeAsync() => _stats.DisposeAsync();
}
