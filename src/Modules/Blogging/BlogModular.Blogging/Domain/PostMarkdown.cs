using System.Text;
using Ganss.Xss;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Renderers;
using Markdig.Syntax;

namespace BlogModular.Blogging.Domain;

/// <summary>
/// A post's Markdown as HTML that is safe to put in a page, and as plain text for summaries. Raw HTML in the Markdown
/// is shown as text, never passed through; the HTML Markdig writes is then sanitized against an allow-list (tags,
/// attributes, http/https/mailto URLs only). Input whose shape makes Markdig or the sanitizer slow is refused before
/// or while parsing, so no request hangs on it (docs/adr/0014-markdown-rendered-once-and-sanitized.md).
/// </summary>
public static class PostMarkdown
{
    /// <summary>Deeper quote nesting is refused before parsing; Markdig's own limit (128 levels) is reached slowly.</summary>
    public const int MaxQuoteDepth = 32;

    /// <summary>Markdig's link parsing is quadratic in the brackets one paragraph holds.</summary>
    public const int MaxBracketsPerParagraph = 1_000;

    /// <summary>A line with more pipes than this would be a table wider than anyone reads.</summary>
    public const int MaxPipesPerLine = 64;

    /// <summary>Short rows are padded to the header's width, so cells, not characters, size a table's HTML.</summary>
    public const int MaxTableCells = 10_000;

    /// <summary>Emphasis nesting is only refused by Markdig after a slow parse; this many delimiters per paragraph is plenty.</summary>
    public const int MaxEmphasisPerParagraph = 2_000;

    /// <summary>Deeper indentation means lists nested far beyond reading, which Markdig refuses only after a slow parse.</summary>
    public const int MaxIndentation = 128;

    /// <summary>Sanitizing costs about a second per 200 KB of HTML; 100,000 characters of prose render to about half of this.</summary>
    public const int MaxHtmlLength = 250_000;

    public const int SummaryLength = 200;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseReferralLinks("nofollow", "ugc")
        .DisableHtml()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = new(new HtmlSanitizerOptions
    {
        AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "ins", "mark", "sub", "sup",
            "blockquote", "ul", "ol", "li", "pre", "code", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
        },
        AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src", "alt", "title", "start", "rel" },
        AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
        UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
        AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
    });

    /// <summary>The sanitized HTML and the plain text of <paramref name="markdown"/>, or why it is refused.</summary>
    public static bool TryRender(string markdown, out RenderedContent rendered, out string? refusal)
    {
        rendered = RenderedContent.Empty;
        if ((refusal = CheckShape(markdown)) is not null)
        {
            return false;
        }

        string html, plainText;
        try
        {
            var document = Markdown.Parse(markdown, Pipeline);
            if (document.Descendants<Table>().Sum(t => (long)t.Count * Math.Max(1, t.ColumnDefinitions.Count)) > MaxTableCells)
            {
                refusal = $"'content' has tables of more than {MaxTableCells:N0} cells.";
                return false;
            }

            html = document.ToHtml(Pipeline);
            plainText = PlainText(document);
        }
        catch (ArgumentException)
        {
            // Markdig's depth limit, in the parser or the renderer: "Markdown elements in the input are too deeply nested".
            refusal = "'content' nests Markdown elements too deeply.";
            return false;
        }

        if (html.Length > MaxHtmlLength)
        {
            refusal = "'content' renders to too much HTML; shorten it or split it into several posts.";
            return false;
        }

        rendered = new RenderedContent(Sanitizer.Sanitize(html), plainText);
        return true;
    }

    /// <summary>The first <see cref="SummaryLength"/> characters or so of the text, cut at a word, with an ellipsis when cut.</summary>
    public static string Summarize(string plainText)
    {
        var text = string.Join(' ', plainText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length <= SummaryLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', SummaryLength);
        var head = cut > SummaryLength / 2 ? text[..cut] : text[..SummaryLength];
        return head.TrimEnd(' ', ',', ';', ':', '.', '-') + "…";
    }

    /// <summary>Cheap scans for the shapes that make the parser slow; null when the text has none.</summary>
    private static string? CheckShape(string markdown)
    {
        var (brackets, emphasis) = (0, 0);
        foreach (var range in markdown.AsSpan().Split('\n'))
        {
            var line = markdown.AsSpan()[range];
            if (line.IsWhiteSpace())
            {
                (brackets, emphasis) = (0, 0);
                continue;
            }

            var (depth, indentation) = (0, 0);
            foreach (var c in line)
            {
                if (c == '>')
                {
                    depth++;
                }
                else if (c is ' ' or '\t')
                {
                    indentation += c == '\t' ? 4 : 1;
                }
                else
                {
                    break;
                }
            }

            if (depth > MaxQuoteDepth)
            {
                return $"'content' nests quotes more than {MaxQuoteDepth} levels deep.";
            }

            if (indentation > MaxIndentation)
            {
                return $"'content' has a line indented more than {MaxIndentation} columns.";
            }

            if ((emphasis += line.Count('*') + line.Count('_') + line.Count('~')) > MaxEmphasisPerParagraph)
            {
                return $"'content' has a paragraph with more than {MaxEmphasisPerParagraph:N0} '*', '_' or '~'.";
            }

            if (line.Count('|') > MaxPipesPerLine)
            {
                return $"'content' has a line with more than {MaxPipesPerLine} '|' (tables are limited to that many columns).";
            }

            if ((brackets += line.Count('[')) > MaxBracketsPerParagraph)
            {
                return $"'content' has a paragraph with more than {MaxBracketsPerParagraph:N0} '['.";
            }
        }

        return null;
    }

    private static string PlainText(MarkdownDocument document)
    {
        var writer = new StringWriter(new StringBuilder());
        var renderer = new HtmlRenderer(writer) { EnableHtmlForBlock = false, EnableHtmlForInline = false, EnableHtmlEscape = false };
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }
}

/// <summary>A post's content as sanitized HTML and as plain text.</summary>
public sealed record RenderedContent(string Html, string PlainText)
{
    public static readonly RenderedContent Empty = new("", "");
}
