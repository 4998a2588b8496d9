using BlogModular.BuildingBlocks.Web;
using Wolverine;
using Wolverine.Attributes;

// A fake Contracts project: each type breaks rule 2 or rule 3 in one known way, or nothing.
namespace BlogModular.Architecture.Tests.Fixtures.BadContracts;

/// <summary>Rule 3: not sealed, not a record, has a setter, has no identity.</summary>
public class MutableMessage
{
    public string? Title { get; set; }
}

/// <summary>Rule 3: a sealed record, but one property can still be set.</summary>
[MessageIdentity("fixtures.record-with-setter", Version = 1)]
public sealed record RecordWithSetter(Guid Id)
{
    public string? Note { get; set; }
}

/// <summary>Rule 3: an identity without an alias.</summary>
[MessageIdentity(" ")]
public sealed record BlankIdentity(Guid Id);

/// <summary>Rule 3: the twins share one identity, so a consumer could not tell them apart.</summary>
[MessageIdentity("fixtures.twin", Version = 1)]
public sealed record FirstTwin(Guid Id);

[MessageIdentity("fixtures.twin", Version = 1)]
public sealed record SecondTwin(Guid Id);

/// <summary>Rule 2: leaks a BuildingBlocks type into the contract (rule 3 is satisfied).</summary>
[MessageIdentity("fixtures.leaky-page", Version = 1)]
public sealed record LeakyPage(Page<Guid> Ids);

/// <summary>Rule 2: Wolverine.Attributes is allowed, the rest of Wolverine is not.</summary>
[MessageIdentity("fixtures.leaky-envelope", Version = 1)]
public sealed record LeakyEnvelope(Envelope? Envelope);

/// <summary>Not messages, so rule 3 skips them.</summary>
public static class FixtureTopics
{
    public const string Topic = "fixtures";
}

public enum FixtureOutcome
{
    Approved = 1,
}
