namespace BlogModular.BuildingBlocks.Web;

/// <summary>One page of a keyset-paged list; <see cref="Next"/> is an opaque cursor, null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

public static class Page
{
    /// <summary>
    /// Builds a page from up to <paramref name="take"/> + 1 rows in page order: the extra row only tells that a
    /// next page exists, which then starts after the last row shown.
    /// </summary>
    public static Page<TItem> FromKeyset<TRow, TItem>(
        IReadOnlyList<TRow> rows, int take, Func<TRow, KeysetCursor> position, Func<TRow, TItem> map) =>
        new(rows.Take(take).Select(map).ToList(), rows.Count > take ? position(rows[take - 1]).Encode() : null);
}
