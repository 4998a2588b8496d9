using System.Globalization;
using System.Text;
using Npgsql;

namespace BlogModular.Bench;

/// <summary>
/// Searchable text for the seeded posts: pseudo-words drawn from a Zipf distribution (like words of real prose), so a
/// query word's hits depend on its rank — from nearly every post for the commonest to a few hundred for rare ones.
/// Deterministic: the same seed gives the same posts and the same hit counts.
/// </summary>
internal sealed class SearchCorpus
{
    private const int Vocabulary = 50_000;
    private static readonly string[] Consonants = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "ch", "sh"];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "ai", "ou"];

    /// <summary>Every <see cref="PhraseEvery"/>-th post's title holds this two-word phrase.</summary>
    public const int PhraseEvery = 400;

    private readonly string[] _words;
    private readonly double[] _cumulative;
    private readonly Random _random = new(42);

    public SearchCorpus()
    {
        var random = new Random(7);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (words.Count < Vocabulary)
        {
            var word = new StringBuilder();
            for (var s = 0; s < 3; s++)
            {
                word.Append(Consonants[random.Next(Consonants.Length)]).Append(Vowels[random.Next(Vowels.Length)]);
            }

            words.Add(word.Append(Consonants[random.Next(Consonants.Length)]).ToString());
        }

        _words = [.. words];
        _cumulative = new double[Vocabulary];
        var sum = 0.0;
        for (var r = 0; r < Vocabulary; r++)
        {
            _cumulative[r] = sum += 1.0 / (r + 1);
        }
    }

    public string Phrase => $"{_words[200]} {_words[201]}";

    /// <summary>
    /// The P10 queries: a common word (a few thousand hits in a million posts), a rare one (a few hundred), two words
    /// that must both occur, and a quoted phrase. Escaped for a URL.
    /// </summary>
    public IReadOnlyList<string> Queries =>
    [
        _words[3_000],
        _words[30_000],
        $"{_words[500]} {_words[700]}",
        $"\"{Phrase}\"",
    ];

    public (string Title, string Summary, string Content) Next(int index)
    {
        var title = Words(6);
        if (index % PhraseEvery == 0)
        {
            title = $"{title} {Phrase}";
        }

        return (Capitalize(title), Capitalize(Words(20)) + ".", Sentences(80));
    }

    private string Words(int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append(i == 0 ? "" : " ").Append(Word());
        }

        return text.ToString();
    }

    private string Sentences(int count)
    {
        var text = new StringBuilder();
        var sentence = 0;
        for (var i = 0; i < count; i++)
        {
            var word = Word();
            text.Append(sentence == 0 ? Capitalize(word) : " " + word);
            if (++sentence >= 8 + _random.Next(8) || i == count - 1)
            {
                text.Append(". ");
                sentence = 0;
            }
        }

        return text.ToString().TrimEnd();
    }

    private string Word()
    {
        var at = Array.BinarySearch(_cumulative, _random.NextDouble() * _cumulative[^1]);
        return _words[Math.Min(at < 0 ? ~at : at, Vocabulary - 1)];
    }

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}

internal static partial class Runner
{
    /// <summary>
    /// P10: search p99 over the P6 posts ÷ the feed's p99 over the same posts, each repetition back to back. wrk cycles
    /// through <see cref="SearchCorpus.Queries"/>, so the p99 is across all of them (first page, ranked).
    /// </summary>
    private static async Task<IEnumerable<Row>> SearchAsync(Settings settings, NpgsqlDataSource db, Child host, Uri feed, SearchCorpus corpus)
    {
        var paths = corpus.Queries.Select(q => "/api/posts?q=" + Uri.EscapeDataString(q)).ToList();
        foreach (var q in corpus.Queries)
        {
            await using var count = db.CreateCommand(
                "SELECT count(*) FROM blogging.posts WHERE status = 'Published' AND search_vector @@ websearch_to_tsquery('english', $1)");
            count.Parameters.AddWithValue(q);
            count.CommandTimeout = 0;
            Log($"P10 search: '{q}' matches {(long)(await count.ExecuteScalarAsync())!:N0} posts");
        }

        var script = Path.Combine(settings.OutputDirectory, "search.lua");
        await File.WriteAllTextAsync(script, $$"""
            local paths = { {{string.Join(", ", paths.Select(p => $"\"{p}\""))}} }
            local i = 0
            request = function()
              i = i + 1
              return wrk.format("GET", paths[(i % #paths) + 1])
            end
            """);

        await Wrk.RunAsync(settings, feed, 3, script);
        var search = new List<Wrk.Result>();
        var baseline = new List<Wrk.Result>();
        for (var rep = 0; rep < settings.Repetitions; rep++)
        {
            baseline.Add(await Wrk.RunAsync(settings, feed, settings.DurationSeconds));
            search.Add(await Wrk.RunAsync(settings, feed, settings.DurationSeconds, script));
            Log(string.Create(CultureInfo.InvariantCulture,
                $"  rep {rep + 1}: search p50 {search[^1].P50Ms:N2} ms, p99 {search[^1].P99Ms:N2} ms, {search[^1].RequestsPerSecond:N0} req/s; feed p99 {baseline[^1].P99Ms:N2} ms"));
        }

        return
        [
            new Row("P10", $"search p99, {settings.FeedPosts:N0} posts, {paths.Count} queries", "ms", new Figure(search.Select(r => r.P99Ms).ToList()),
                $"feed, {settings.FeedPosts:N0} posts", new Figure(baseline.Select(r => r.P99Ms).ToList()), "≤ 1.5", r => r <= 1.5),
            new Row("P10b", $"search throughput, {settings.FeedPosts:N0} posts", "req/s", new Figure(search.Select(r => r.RequestsPerSecond).ToList()),
                $"feed, {settings.FeedPosts:N0} posts", new Figure(baseline.Select(r => r.RequestsPerSecond).ToList())),
        ];
    }
}
