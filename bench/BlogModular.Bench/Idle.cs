using System.Globalization;

namespace BlogModular.Bench;

internal static partial class Runner
{
    /// <summary>How long a host runs at rest before P9 measures it: its start-up work, the first rounds of its periodic jobs and tiered JIT compilation are over.</summary>
    private static readonly TimeSpan IdleSettle = TimeSpan.FromSeconds(30);

    /// <summary>
    /// P9: what the host costs at rest, all modules in one process with the broker out of process, in Production (as
    /// deployed) and in Development. Each host runs alone: its CPU from /proc, the database's transactions from
    /// pg_stat_database (read over a connection to another database, so the readings are not counted), and the statements
    /// that made them from pg_stat_statements, by role (one login per module and one for the message store).
    /// </summary>
    private static async Task<IEnumerable<Row>> IdleAsync(Settings settings, CpuMeter meter, List<Table> tables)
    {
        var rows = new List<Row>();
        await using var statements = await StatementStats.CreateAsync(settings);

        foreach (var environment in new[] { "Production", "Development" })
        {
            Log($"P9 at rest ({environment}): {IdleSettle.TotalSeconds:0} s to settle, then {settings.Repetitions} × {settings.IdleSeconds} s");
            await using var host = LaunchHost(settings, $"idle-{environment.ToLowerInvariant()}", messaging: true, environmentName: environment);
            await host.WaitUntilAnswersAsync(ReadyPath, StartTimeout);
            await Task.Delay(IdleSettle);
            await statements.ResetAsync();

            var (hostCpu, postgresCpu, brokerCpu, transactions) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
            var window = TimeSpan.FromSeconds(settings.IdleSeconds);
            for (var rep = 0; rep < settings.Repetitions; rep++)
            {
                var (cpuBefore, txBefore) = (meter.Read(host.Id), await statements.TransactionsAsync());
                await Task.Delay(window);
                var (cpuAfter, txAfter) = (meter.Read(host.Id), await statements.TransactionsAsync());
                // CPU-ms per second of wall time ÷ 10 = percent of one core.
                hostCpu.Add((cpuAfter.App - cpuBefore.App) / window.TotalSeconds / 10);
                postgresCpu.Add((cpuAfter.Postgres - cpuBefore.Postgres) / window.TotalSeconds / 10);
                brokerCpu.Add(((cpuAfter.Broker ?? 0) - (cpuBefore.Broker ?? 0)) / window.TotalSeconds / 10);
                transactions.Add((txAfter - txBefore) / window.TotalSeconds);
                Log($"  rep {rep + 1}: host {hostCpu[^1]:N2} % of a core, PostgreSQL {postgresCpu[^1]:N2} %, broker {brokerCpu[^1]:N2} %; {transactions[^1]:N2} transactions/s");
            }

            var minutes = (window * settings.Repetitions).TotalMinutes;
            tables.Add(await statements.TableAsync(
                $"Statements at rest, {environment} (pg_stat_statements over {minutes * 60:0} s)", "calls/min", minutes, byCalls: true));
            if (settings.DotnetTrace is { } trace)
            {
                tables.AddRange(await ProfileAtRestAsync(settings, host, environment, trace));
            }
            var production = environment == "Production";
            rows.Add(new Row(production ? "P9" : "P9c", $"host CPU at rest, {environment}", "% of a core", new Figure(hostCpu),
                Goal: production ? "≤ 1 %" : null, Meets: production ? v => v <= 1 : null));
            rows.Add(new Row(production ? "P9b" : "P9d", $"database transactions at rest, {environment}", "/s", new Figure(transactions),
                Goal: production ? "≤ 1 /s" : null, Meets: production ? v => v <= 1 : null));
            rows.Add(new Row(production ? "P9e" : "P9f", $"PostgreSQL and broker CPU at rest, {environment}", "% of a core",
                new Figure(postgresCpu.Zip(brokerCpu, (p, b) => p + b).ToList())));
        }

        return rows;
    }
}
