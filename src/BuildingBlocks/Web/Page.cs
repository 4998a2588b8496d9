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

    /// <summary>
    /// The first <paramref name="pages"/> pages of a list, each read after the previous one's cursor ("show more"
    /// in a live page re-reads them from the top); <c>More</c> says another page follows.
    /// </summary>
    public static async Task<(IReadOnlyList<T> Items, bool More)> ReadPagesAsync<T>(
        int pages, Func<string?, CancellationToken, Task<Page<T>>> read, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        string? after = null;
        for (var i = 0; i < pages; i++)
        {
            var page = await read(after, cancellationToken);
            items.AddRange(page.Items);
            if ((after = page.Next) is null)
            {
                break;
            }
        }

        return (items, after is not null);
    }
}
