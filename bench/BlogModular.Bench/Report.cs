using System.Globalization;
using System.Text;
using System.Text.Json;

namespace BlogModular.Bench;

/// <summary>One line of the results table: a figure, optionally its baseline and their pairwise ratio.</summary>
internal sealed record Row(
    string Id,
    string What,
    string Unit,
    Figure Value,
    string? BaselineName = null,
    Figure? Baseline = null,
    string? Goal = null,
    Func<double, bool>? Meets = null)
{
    public Figure? Ratio => Baseline is null ? null : Value.Over(Baseline);

    /// <summary>Judged on the ratio when there is one, else on the value itself.</summary>
    public bool? Met => Meets is null ? null : Meets((Ratio ?? Value).Median);
}

/// <summary>A table of details under the results (e.g. the statements P9 saw at rest).</summary>
internal sealed record Table(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

internal static class Report
{
    public static async Task WriteAsync(Settings settings, IReadOnlyList<Row> rows, IReadOnlyList<CpuRow> cpu, IReadOnlyList<Table> tables, IReadOnlyDictionary<string, string> context)
    {
        Directory.CreateDirectory(settings.OutputDirectory);
        await File.WriteAllTextAsync(Path.Combine(settings.OutputDirectory, "latest.md"), Markdown(rows, cpu, tables, context));
        await File.WriteAllTextAsync(Path.Combine(settings.OutputDirectory, "latest.json"), Json(rows, cpu, tables, context));
    }

    public static string Markdown(IReadOnlyList<Row> rows, IReadOnlyList<CpuRow> cpu, IReadOnlyList<Table> tables, IReadOnlyDictionary<string, string> context)
    {
        var md = new StringBuilder();
        md.AppendLine("# Benchmark results").AppendLine();
        foreach (var (key, value) in context)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {key}: {value}");
        }

        md.AppendLine().AppendLine("Each figure: median of the repetitions [min–max]. Ratios are taken per repetition (ours ÷ baseline, measured back to back), then summarised.").AppendLine();
        md.AppendLine("| | measure | ours | baseline | ratio | goal | met |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            var baseline = row.Baseline is null ? "" : $"{row.BaselineName}: {Format(row.Baseline, row.Unit)}";
            var ratio = row.Ratio is null ? "" : Format(row.Ratio, "×");
            var met = row.Met switch { true => "yes", false => "**no**", null => "" };
            md.AppendLine(CultureInfo.InvariantCulture, $"| {row.Id} | {row.What} | {Format(row.Value, row.Unit)} | {baseline} | {ratio} | {row.Goal} | {met} |");
        }

        if (cpu.Count > 0)
        {
            md.AppendLine().AppendLine("CPU per post: CPU time (user + system, /proc/<pid>/stat) from the start of a load run until its last post " +
                                       "is handled (messaging off: until the load ends), ÷ the posts it created; ms per post, median [min–max] over the runs. " +
                                       "PostgreSQL: every process of the cluster; broker: the embedded broker's own process.").AppendLine();
            md.AppendLine("| run | posts per run | app process | PostgreSQL | broker | total |");
            md.AppendLine("|---|---|---|---|---|---|");
            foreach (var row in cpu)
            {
                var broker = row.Broker is { } b ? Format(b, "") : "not measured";
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {row.Run} | {Format(row.Posts, "")} | {Format(row.App, "")} | {Format(row.Postgres, "")} | {broker} | {Format(row.Total, "")} |");
            }
        }

        foreach (var table in tables)
        {
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{table.Title}:").AppendLine();
            md.AppendLine("| " + string.Join(" | ", table.Columns) + " |");
            md.AppendLine("|" + string.Concat(table.Columns.Select(_ => "---|")));
            foreach (var row in table.Rows)
            {
                md.AppendLine("| " + string.Join(" | ", row) + " |");
            }
        }

        return md.ToString();
    }

    private static string Format(Figure figure, string unit)
    {
        var digits = figure.Median switch { >= 100 => 0, >= 10 => 1, _ => 2 };
        string N(double v) => v.ToString("N" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var suffix = unit is "×" or "" ? unit : " " + unit;
        return $"{N(figure.Median)}{suffix} [{N(figure.Min)}–{N(figure.Max)}]";
    }

    private static string Json(IReadOnlyList<Row> rows, IReadOnlyList<CpuRow> cpu, IReadOnlyList<Table> tables, IReadOnlyDictionary<string, string> context)
    {
        static object Summary(Figure? f) => f is null ? null! : new { median = f.Median, min = f.Min, max = f.Max, values = f.Values };
        var document = new
        {
            context,
            measures = rows.Select(r => new
            {
                id = r.Id,
                what = r.What,
                unit = r.Unit,
                value = Summary(r.Value),
                baselineName = r.BaselineName,
                baseline = Summary(r.Baseline),
                ratio = Summary(r.Ratio),
                goal = r.Goal,
                met = r.Met,
            }),
            cpuPerPostMs = cpu.Select(c => new
            {
                run = c.Run,
                posts = Summary(c.Posts),
                app = Summary(c.App),
                postgres = Summary(c.Postgres),
                broker = Summary(c.Broker),
                total = Summary(c.Total),
            }),
            tables = tables.Select(t => new { title = t.Title, columns = t.Columns, rows = t.Rows }),
        };
        return JsonSerializer.Serialize(document, Indented);
    }

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
