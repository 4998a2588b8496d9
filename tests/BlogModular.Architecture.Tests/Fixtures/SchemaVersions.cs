// Three shapes of one message, for the schema compatibility check: as checked in, grown compatibly, and broken.
namespace BlogModular.Architecture.Tests.Fixtures.Schemas;

public sealed record Before(Guid Id, string Title, int Count);

/// <summary>Compatible: a new field that may be missing (null) in messages written as <see cref="Before"/>.</summary>
public sealed record AddsOptional(Guid Id, string Title, int Count, string? Note);

/// <summary>Incompatible three ways: title removed, count retyped, a new field that must be present.</summary>
public sealed record Breaks(Guid Id, string Count, Guid AuthorId);
