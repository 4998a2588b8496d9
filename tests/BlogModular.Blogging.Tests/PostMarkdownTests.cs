using System.Diagnostics;
using AngleSharp.Html.Parser;
using BlogModular.Blogging.Domain;
using BlogModular.Testing;
using Xunit.Abstractions;

namespace BlogModular.Blogging.Tests;

/// <summary>Rendering and sanitizing a post's Markdown: hostile input stays inert, shapes that would be slow are refused by a limit.</summary>
public class PostMarkdownTests(ITestOutputHelper output)
{
    private static readonly HashSet<string> AllowedTags =
    [
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "ins", "mark", "sub", "sup",
        "blockquote", "ul", "ol", "li", "pre", "code", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
    ];

    public static TheoryData<int> XssVectors() => [.. Enumerable.Range(0, MarkdownCorpus.Xss.Count)];

    public static TheoryData<int> Bombs() => [.. Enumerable.Range(0, MarkdownCorpus.Bombs.Count)];

    [Fact]
    public void The_corpus_has_at_least_forty_vectors() => MarkdownCorpus.Xss.Count.ShouldBeGreaterThanOrEqualTo(40);

    [Theory]
    [MemberData(nameof(XssVectors))]
    public void Hostile_markdown_renders_without_script_handlers_styles_or_dangerous_urls(int vector)
    {
        var markdown = MarkdownCorpus.Xss[vector];

        PostMarkdown.TryRender(markdown, out var rendered, out var refusal).ShouldBeTrue(refusal);

        AssertInert(rendered.Html, markdown);
    }

    [Fact]
    public void The_whole_corpus_as_one_post_renders_inert()
    {
        var markdown = string.Join("\n\n", MarkdownCorpus.Xss);

        PostMarkdown.TryRender(markdown, out var rendered, out var refusal).ShouldBeTrue(refusal);

        AssertInert(rendered.Html, "the whole corpus");
    }

    [Fact]
    public void Raw_html_is_shown_as_text_and_html_in_code_stays_escaped()
    {
        PostMarkdown.TryRender("<b>bold?</b> and `<i>code</i>`", out var rendered, out _).ShouldBeTrue();

        rendered.Html.ShouldBe("<p>&lt;b&gt;bold?&lt;/b&gt; and <code>&lt;i&gt;code&lt;/i&gt;</code></p>\n");
    }

    [Fact]
    public void Ordinary_markdown_keeps_its_formatting_and_safe_links()
    {
        const string markdown = "# Title\n\nSome **bold**, *em* and ~~gone~~.\n\n- [site](https://example.com)\n- <https://example.org>\n- [mail](mailto:a@example.com)\n\n" +
            "| a | b |\n|---|--:|\n| 1 | 2 |\n\n> quoted\n\n```\ncode\n```\n\n![pic](https://example.com/p.png \"Pic\")";

        PostMarkdown.TryRender(markdown, out var rendered, out _).ShouldBeTrue();

        rendered.Html.ShouldContain("<h1>Title</h1>");
        rendered.Html.ShouldContain("<strong>bold</strong>");
        rendered.Html.ShouldContain("<del>gone</del>");
        rendered.Html.ShouldContain("<a href=\"https://example.com\" rel=\"nofollow ugc\">site</a>");
        rendered.Html.ShouldContain("href=\"https://example.org\"");
        rendered.Html.ShouldContain("href=\"mailto:a@example.com\"");
        rendered.Html.ShouldContain("<td>2</td>");
        rendered.Html.ShouldContain("<blockquote>");
        rendered.Html.ShouldContain("<pre><code>code\n</code></pre>");
        rendered.Html.ShouldContain("<img src=\"https://example.com/p.png\" alt=\"pic\" title=\"Pic\">");
    }

    [Theory]
    [MemberData(nameof(Bombs))]
    public void Markdown_bombs_render_within_the_limits_or_are_refused_by_one(int bomb)
    {
        var (name, markdown) = MarkdownCorpus.Bombs[bomb];
        var clock = Stopwatch.StartNew();

        var rendered = PostMarkdown.TryRender(markdown, out var content, out var refusal);

        clock.Stop();
        // Printed, not asserted (timings belong to the benchmark): without the limits the slowest of these took over 45 s.
        output.WriteLine($"{name}: {(rendered ? $"rendered to {content.Html.Length:N0} characters" : $"refused ({refusal})")} in {clock.ElapsedMilliseconds} ms");
        if (rendered)
        {
            content.Html.Length.ShouldBeLessThanOrEqualTo(PostMarkdown.MaxHtmlLength, name);
            AssertInert(content.Html, name);
        }
        else
        {
            refusal.ShouldStartWith("'content'");
        }
    }

    [Theory]
    [InlineData("Short text.", "Short text.")]
    [InlineData("# Heading\n\nA **bold** [link](https://example.com) and `code`.", "Heading A bold link and code.")]
    [InlineData("<script>x</script> stays text", "<script>x</script> stays text")]
    public void The_plain_text_of_short_markdown_is_the_whole_summary(string markdown, string summary)
    {
        PostMarkdown.TryRender(markdown, out var rendered, out _).ShouldBeTrue();

        PostMarkdown.Summarize(rendered.PlainText).ShouldBe(summary);
    }

    [Fact]
    public void A_long_text_is_summarized_at_a_word_boundary_with_an_ellipsis()
    {
        var text = string.Join(' ', Enumerable.Repeat("word", 100));

        var summary = PostMarkdown.Summarize(text);

        summary.ShouldEndWith("word…");
        summary.Length.ShouldBeLessThanOrEqualTo(PostMarkdown.SummaryLength + 1);
        summary.Length.ShouldBeGreaterThan(PostMarkdown.SummaryLength - 10);
    }

    [Fact]
    public void A_text_without_spaces_is_cut_at_the_length()
    {
        PostMarkdown.Summarize(new string('x', 500)).ShouldBe(new string('x', PostMarkdown.SummaryLength) + "…");
    }

    private static void AssertInert(string html, string source)
    {
        html.ShouldNotContain("<script", Case.Insensitive, source);
        html.ShouldNotContain("<style", Case.Insensitive, source);
        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            AllowedTags.ShouldContain(element.LocalName, $"{element.LocalName} from {source}");
            foreach (var attribute in element.Attributes)
            {
                attribute.Name.ShouldNotStartWith("on", Case.Insensitive, source);
                attribute.Name.ShouldNotBe("style", source);
                if (attribute.Name is "href" or "src")
                {
                    var url = new string([.. attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c))]).ToLowerInvariant();
                    url.ShouldNotStartWith("javascript:", Case.Insensitive, source);
                    url.ShouldNotStartWith("data:", Case.Insensitive, source);
                    url.ShouldNotStartWith("vbscript:", Case.Insensitive, source);
                }
            }
        }
    }
}
