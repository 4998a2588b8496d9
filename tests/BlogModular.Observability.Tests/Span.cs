using System.Diagnostics;

namespace BlogModular.Observability.Tests;

/// <summary>A finished span as an exporter sees it, from the in-memory exporter or from OTLP.</summary>
public sealed record Span(
    string Service, string Source, string Name, ActivityKind Kind, string TraceId, string SpanId, string? ParentSpanId,
    IReadOnlyDictionary<string, string> Tags, IReadOnlyList<string> LinkedSpanIds)
{
    public static Span From(Activity activity) => new(
        "in-process",
        activity.Source.Name,
        activity.DisplayName,
        activity.Kind,
        activity.TraceId.ToHexString(),
        activity.SpanId.ToHexString(),
        activity.ParentSpanId == default ? null : activity.ParentSpanId.ToHexString(),
        activity.TagObjects.Where(t => t.Value is not null).ToDictionary(t => t.Key, t => Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture)!),
        activity.Links.Select(link => link.Context.SpanId.ToHexString()).ToList());

    public string? Tag(string key) => Tags.TryGetValue(key, out var value) ? value : null;

    public override string ToString() =>
        $"{Service} {Source} '{Name}' {Kind} trace={TraceId} span={SpanId} parent={ParentSpanId} " +
        string.Join(", ", Tags.Select(t => $"{t.Key}={t.Value}"));
}
