using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.Runtime;

namespace BlogModular.Host.Platform.Observability;

/// <summary>
/// Wolverine middleware around every message handler. Whatever the handler (or Wolverine, or EF Core) logs
/// carries <c>MessageId</c>, <c>MessageType</c> and the message's own ids (each public <see cref="Guid"/>
/// property named <c>…Id</c>: <c>PostId</c>, <c>ApprovalId</c>), next to the trace id that logging takes from the
/// current activity. The ids also tag the handler's span (<c>blogmodular.post_id</c>), so a trace is found by post.
/// Contracts are records of primitives and ids, so this convention needs nothing from the modules.
/// </summary>
public static class MessageLogScope
{
    private static readonly ConcurrentDictionary<Type, (string Key, string Tag, PropertyInfo Property)[]> IdsByType = new();

    public static Scope Before(Envelope envelope, ILogger logger)
    {
        var state = new ScopeState
        {
            new("MessageId", envelope.Id),
            new("MessageType", envelope.MessageType),
        };
        foreach (var (key, tag, value) in IdsOf(envelope.Message))
        {
            state.Add(new(key, value));
            Activity.Current?.SetTag(tag, value?.ToString());
        }

        return new Scope(logger.BeginScope(state), BatchMemberSpans(envelope));
    }

    public static void Finally(Scope scope) => scope.Close();

    /// <summary>
    /// A batch (Wolverine's <c>T[]</c> handlers) runs in a span of its own, while each member message belongs to the
    /// trace of the request that sent it. Each member gets a span in its own trace, tagged with its ids like any
    /// handled message, and linked both ways with the batch span, which holds the handler's database work.
    /// </summary>
    private static List<Activity>? BatchMemberSpans(Envelope envelope)
    {
        var batch = Activity.Current;
        if (MembersOf(envelope) is not { Length: > 0 } members || batch is null)
        {
            return null;
        }

        var spans = new List<Activity>(members.Length);
        foreach (var member in members)
        {
            // Parented by the member's sender (its traceparent), with Wolverine's own envelope tags.
            if (WolverineTracing.StartEnvelopeActivity(member.MessageType ?? "process", member) is not { } span)
            {
                continue;
            }

            foreach (var (_, tag, value) in IdsOf(member.Message))
            {
                span.SetTag(tag, value?.ToString());
            }

            span.AddLink(new ActivityLink(batch.Context));
            batch.AddLink(new ActivityLink(span.Context));
            spans.Add(span);
        }

        // Starting a span makes it current; the batch's own work must stay in the batch span.
        Activity.Current = batch;
        return spans;
    }

    /// <summary>"PostId" → "blogmodular.post_id".</summary>
    public static string TagFor(string idProperty)
    {
        var tag = new StringBuilder(ObservabilitySetup.SourcePrefix.ToLowerInvariant());
        for (var i = 0; i < idProperty.Length; i++)
        {
            if (char.IsUpper(idProperty[i]) && i > 0)
            {
                tag.Append('_');
            }

            tag.Append(char.ToLowerInvariant(idProperty[i]));
        }

        return tag.ToString();
    }

    /// <summary>
    /// Wolverine 6.62 keeps a batch envelope's members internal (<c>Envelope.Batch</c>), so they are read through
    /// reflection. The Observability tests find each post's member span: if an upgrade renames the property, they fail.
    /// </summary>
    private static readonly Func<Envelope, Envelope[]?> MembersOf =
        typeof(Envelope).GetProperty("Batch", BindingFlags.NonPublic | BindingFlags.Instance)?.GetMethod is { } getter
            ? getter.CreateDelegate<Func<Envelope, Envelope[]?>>()
            : _ => null;

    /// <summary>The message's ids: log scope key ("PostId"), span tag ("blogmodular.post_id") and value.</summary>
    private static IEnumerable<(string Key, string Tag, object? Value)> IdsOf(object? message) =>
        message is null
            ? []
            : IdsByType.GetOrAdd(message.GetType(), IdPropertiesOf).Select(id => (id.Key, id.Tag, id.Property.GetValue(message)));

    private static (string, string, PropertyInfo)[] IdPropertiesOf(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name.EndsWith("Id", StringComparison.Ordinal) && p.Name.Length > 2
                        && (p.PropertyType == typeof(Guid) || p.PropertyType == typeof(Guid?)))
            .Select(p => (p.Name, TagFor(p.Name), p))
            .ToArray();

    /// <summary>Key/value pairs, which log formatters write as fields; the text form is for plain-text consoles.</summary>
    private sealed class ScopeState : List<KeyValuePair<string, object?>>
    {
        public override string ToString() => string.Join(", ", this.Select(pair => $"{pair.Key}:{pair.Value}"));
    }

    /// <summary>Not IDisposable on purpose: Wolverine's generated code closes it in <see cref="Finally"/>, exactly once.</summary>
    public sealed class Scope(IDisposable? inner, List<Activity>? batchMemberSpans = null)
    {
        internal void Close()
        {
            inner?.Dispose();
            if (batchMemberSpans is null)
            {
                return;
            }

            // Wolverine tags the batch span with its handler after the scope opened.
            var handler = Activity.Current?.GetTagItem("message.handler");
            foreach (var span in batchMemberSpans)
            {
                span.SetTag("message.handler", handler);
                span.Stop();
            }
        }
    }
}
