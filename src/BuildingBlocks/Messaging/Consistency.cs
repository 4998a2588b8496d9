namespace BlogModular.BuildingBlocks.Messaging;

/// <summary>
/// What a module knows about the messages it exchanges with another module that are not confirmed yet, or that the
/// other module could not place: counted as gauges (<c>blogmodular.&lt;module&gt;.&lt;name&gt;</c> in /metrics) and
/// shown with the flagged items in the operations view.
/// </summary>
/// <param name="Gauges">The counts the module reports, each a gauge; every report carries a value for each.</param>
/// <param name="ReadAsync">Reads the counts and flagged items now, with the module's own services (a scope of them).</param>
public sealed record ConsistencyView(IReadOnlyList<ConsistencyGauge> Gauges, Func<IServiceProvider, CancellationToken, Task<ConsistencyReport>> ReadAsync);

/// <param name="Name">Lowercase with underscores, e.g. <c>unacknowledged_decisions</c>.</param>
public sealed record ConsistencyGauge(string Name, string Description);

public sealed record ConsistencyReport(IReadOnlyDictionary<string, long> Counts, IReadOnlyList<FlaggedItem> Flagged);

/// <summary>An item an operator should look at: its id, what it is about, what is wrong, since when.</summary>
/// <param name="Subject">What the item is about in the module's words, e.g. "post 0199…, revision 2".</param>
public sealed record FlaggedItem(Guid Id, string Subject, string Problem, DateTimeOffset Since);
