namespace BlogModular.Bench;

/// <summary>One figure measured in several repetitions: reported as the median with min–max.</summary>
internal sealed record Figure(IReadOnlyList<double> Values)
{
    public double Median => Stats.Median(Values);

    public double Min => Values.Min();

    public double Max => Values.Max();

    /// <summary>Pairwise: repetition i of this ÷ repetition i of <paramref name="baseline"/>, measured back to back.</summary>
    public Figure Over(Figure baseline) =>
        new(Values.Zip(baseline.Values, (ours, theirs) => theirs == 0 ? double.NaN : ours / theirs).ToList());
}

internal static class Stats
{
    public static double Median(IReadOnlyList<double> values) => Percentile(values, 50);

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
