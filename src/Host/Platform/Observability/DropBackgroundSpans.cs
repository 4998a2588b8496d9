using System.Diagnostics;
using OpenTelemetry;

namespace BlogModular.Host.Platform.Observability;

/// <summary>
/// Drops the spans of Wolverine's own housekeeping that belong to no request or message: its durability agent
/// polls the envelope tables and its control queue every few seconds, and each poll would otherwise be a trace of
/// its own, burying the traces of real work. Database work done for a request or a message has a parent and is
/// kept; metrics count everything either way.
/// </summary>
internal sealed class DropBackgroundSpans : BaseProcessor<Activity>
{
    public override void OnStart(Activity data)
    {
        if (IsRoot(data) && IsDatabase(data.Source.Name))
        {
            Drop(data);
        }
    }

    public override void OnEnd(Activity data)
    {
        // Wolverine tags the message type once the span has started, so its internal messages are known only here.
        if (IsRoot(data) && data.Source.Name == "Wolverine"
            && data.GetTagItem("messaging.message_type") is string type && type.StartsWith("Wolverine.", StringComparison.Ordinal))
        {
            Drop(data);
        }
    }

    private static bool IsRoot(Activity data) => data.Parent is null && data.ParentSpanId == default;

    private static bool IsDatabase(string source) =>
        source.StartsWith("Npgsql", StringComparison.Ordinal) || source.Contains("EntityFrameworkCore", StringComparison.Ordinal);

    // Export processors (added after this one) skip activities that are not recorded.
    private static void Drop(Activity data)
    {
        data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        data.IsAllDataRequested = false;
    }
}
