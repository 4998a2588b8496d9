using System.Globalization;
using System.Text.RegularExpressions;

namespace BlogModular.Observability.Tests;

/// <summary>One scrape of <c>/metrics</c> in the Prometheus text format: <c>name{label="value",…} number</c> per line.</summary>
public sealed partial class Prometheus(string text)
{
    public string Text { get; } = text;

    public IEnumerable<(string Name, IReadOnlyDictionary<string, string> Labels, double Value)> Samples =>
        Text.Split('\n')
            .Select(line => SampleLine().Match(line))
            .Where(match => match.Success)
            .Select(match => (
                match.Groups["name"].Value,
                (IReadOnlyDictionary<string, string>)LabelPair().Matches(match.Groups["labels"].Value).ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value),
                double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));

    /// <summary>The value of the one sample named <paramref name="name"/> whose labels include <paramref name="labels"/>.</summary>
    public double? Value(string name, params (string Key, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value))
            .Select(s => (double?)s.Value)
            .SingleOrDefault();

    public bool Has(string namePrefix) => Samples.Any(s => s.Name.StartsWith(namePrefix, StringComparison.Ordinal));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex LabelPair();
}
