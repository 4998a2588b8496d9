using Npgsql;
using NpgsqlTypes;

namespace BlogModular.Bench;

internal static partial class Runner
{
    private const int SmallFeed = 1_000;

    /// <summary>
    /// P6: home feed p99 with <see cref="Settings.FeedPosts"/> published posts ÷ with 1,000 (seeded with binary COPY);
    /// then P10, search over the same posts (<see cref="SearchAsync"/>).
    /// </summary>
    private static async Task<IEnumerable<Row>> FeedAsync(Settings settings, NpgsqlDataSource db, Child host)
    {
        var feed = new Uri(host.Address, "/api/posts");
        var now = DateTimeOffset.UtcNow;
        var corpus = new SearchCorpus();
        Log($"P6 feed: seeding {SmallFeed:N0} published posts");
        await Task.Run(() => Seed(db, corpus, 0, SmallFeed, now));
        await ExecuteAsync(db, "ANALYZE blogging.posts");
        var small = await FeedRunsAsync(settings, feed);

        Log($"P6 feed: seeding up to {settings.FeedPosts:N0} published posts (older than the first {SmallFeed:N0})");
        var seeding = System.Diagnostics.Stopwatch.StartNew();
        // The search index is built once after the rows are in, as a restore would: maintaining it row by row while
        // copying a million posts takes many times longer.
        string searchIndex;
        await using (var definition = db.CreateCommand("SELECT pg_get_indexdef('blogging.ix_posts_search'::regclass)"))
        {
            searchIndex = (string)(await definition.ExecuteScalarAsync())!;
        }

        await ExecuteAsync(db, "DROP INDEX blogging.ix_posts_search");
        await Task.Run(() => Seed(db, corpus, SmallFeed, settings.FeedPosts - SmallFeed, now));
        await using (var build = db.CreateCommand($"SET maintenance_work_mem = '512MB'; {searchIndex}; ANALYZE blogging.posts"))
        {
            // Minutes for a million posts, beyond the default 30 s command timeout.
            build.CommandTimeout = 0;
            await build.ExecuteNonQueryAsync();
        }
        Log($"  seeded in {seeding.Elapsed.TotalSeconds:N1} s");
        var large = await FeedRunsAsync(settings, feed);
        var search = settings.Runs("P10") ? await SearchAsync(settings, db, host, feed, corpus) : [];

        return
        [
            new Row("P6", $"home feed p99, {settings.FeedPosts:N0} posts", "ms", new Figure(large.Select(r => r.P99Ms).ToList()),
                $"{SmallFeed:N0} posts", new Figure(small.Select(r => r.P99Ms).ToList()), "≤ 1.5", r => r <= 1.5),
            new Row("P6b", $"home feed throughput, {settings.FeedPosts:N0} posts", "req/s", new Figure(large.Select(r => r.RequestsPerSecond).ToList()),
                $"{SmallFeed:N0} posts", new Figure(small.Select(r => r.RequestsPerSecond).ToList())),
            .. search,
        ];
    }

    private static async Task<List<Wrk.Result>> FeedRunsAsync(Settings settings, Uri feed)
    {
        await Wrk.RunAsync(settings, feed, 3);
        var results = new List<Wrk.Result>();
        for (var rep = 0; rep < settings.Repetitions; rep++)
        {
            results.Add(await Wrk.RunAsync(settings, feed, settings.DurationSeconds));
            Log($"  rep {rep + 1}: p50 {results[^1].P50Ms:N2} ms, p99 {results[^1].P99Ms:N2} ms, {results[^1].RequestsPerSecond:N0} req/s");
        }

        return results;
    }

    /// <summary>
    /// Published posts number <paramref name="from"/>.. , one second apart going back from <paramref name="newest"/>,
    /// with text from <paramref name="corpus"/>; PostgreSQL generates their search vectors as they are copied in.
    /// </summary>
    private static void Seed(NpgsqlDataSource db, SearchCorpus corpus, int from, int count, DateTimeOffset newest)
    {
        using var connection = db.OpenConnection();
        using var writer = connection.BeginBinaryImport(
            "COPY blogging.posts (id, title, summary, category_slug, content, content_html, author, status, created_at, published_at, decided_at) FROM STDIN (FORMAT BINARY)");
        for (var i = from; i < from + count; i++)
        {
            var at = newest.AddSeconds(-i);
            var (title, summary, content) = corpus.Next(i);
            writer.StartRow();
            writer.Write(Guid.CreateVersion7(at), NpgsqlDbType.Uuid);
            writer.Write(title, NpgsqlDbType.Varchar);
            writer.Write(summary, NpgsqlDbType.Varchar);
            writer.Write("general", NpgsqlDbType.Varchar);
            writer.Write(content, NpgsqlDbType.Varchar);
            writer.Write($"<p>{content}</p>", NpgsqlDbType.Text);
            writer.Write("p6-seed", NpgsqlDbType.Varchar);
            writer.Write("Published", NpgsqlDbType.Varchar);
            writer.Write(at, NpgsqlDbType.TimestampTz);
            writer.Write(at, NpgsqlDbType.TimestampTz);
            writer.Write(at, NpgsqlDbType.TimestampTz);
        }

        writer.Complete();
    }
}
