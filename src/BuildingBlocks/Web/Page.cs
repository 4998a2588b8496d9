namespace BlogModular.BuildingBlocks.Web;

/// <summary>One page of a keyset-paged list; <see cref="Next"/> is an opaque cursor, null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);
