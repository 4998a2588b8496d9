namespace BlogModular.Testing;

/// <summary>Hostile post content: script-injection vectors, and Markdown shaped to make a parser slow.</summary>
public static class MarkdownCorpus
{
    /// <summary>What a payload runs when it gets through; the browser test watches for both.</summary>
    public const string Js = "window.__xss=1,alert(1)";

    /// <summary>Each entry tries to get script, an event handler, a dangerous URL or styling into the page.</summary>
    public static readonly IReadOnlyList<string> Xss =
    [
        $"<script>{Js}</script>",
        $"<img src=x onerror={Js}>",
        $"<img src=\"x\" onerror=\"{Js}\">",
        $"[x](javascript:{Js})",
        $"[x](JaVaScRiPt:{Js})",
        $"[x](java&#x73;cript:{Js})",
        $"[x](&#106;avascript:{Js})",
        $"[x](javascript&colon;{Js})",
        $"[x](vbscript:msgbox(1))",
        $"[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        $"<a href=\"data:text/html,<script>{Js}</script>\">x</a>",
        $"<a href=\"javascript:{Js}\">x</a>",
        $"<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:{Js}\">x</a>",
        $"<javascript:{Js}>",
        $"<https://example.com/\" onmouseover=\"{Js}>",
        $"www.example.com/\"onmouseover=\"{Js}\"",
        $"[x][evil]\n\n[evil]: javascript:{Js}",
        $"![x][evil-image]\n\n[evil-image]: javascript:{Js}",
        $"![x](javascript:{Js})",
        $"![x](x\" onerror=\"{Js})",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        $"[x](https://example.com \"t\\\" onmouseover=\\\"{Js}\")",
        $"[<img src=x onerror={Js}>](https://example.com)",
        $"`<script>{Js}</script>`",
        $"```html\n<script>{Js}</script>\n```",
        $"    <img src=x onerror={Js}>",
        $"<svg onload={Js}>",
        $"<svg><script>{Js}</script></svg>",
        $"<math><mi xlink:href=\"javascript:{Js}\">x</mi></math>",
        "<style>body { display: none }</style>",
        "<p style=\"position:fixed;top:0;left:0;width:100%;height:100%\">covering the page</p>",
        $"<div style=\"background:url(javascript:{Js})\">x</div>",
        $"<iframe src=\"javascript:{Js}\"></iframe>",
        "<iframe srcdoc=\"&lt;script&gt;window.__xss=1&lt;/script&gt;\"></iframe>",
        $"<object data=\"javascript:{Js}\"></object>",
        $"<embed src=\"javascript:{Js}\">",
        $"<form action=\"javascript:{Js}\"><button>go</button></form>",
        $"<button formaction=\"javascript:{Js}\">x</button>",
        $"<input autofocus onfocus={Js}>",
        $"<details open ontoggle={Js}>",
        $"<body onload={Js}>",
        $"<base href=\"javascript:{Js}//\">",
        $"<meta http-equiv=\"refresh\" content=\"0;url=javascript:{Js}\">",
        $"<link rel=stylesheet href=\"javascript:{Js}\">",
        $"<scr<script>ipt>{Js}</scr</script>ipt>",
        $"<<script>script>{Js}<</script>/script>",
        $"<!--<script>{Js}//-->",
        $"<![CDATA[<script>{Js}</script>]]>",
        $"<noscript><p title=\"</noscript><img src=x onerror={Js}>\">",
        $"<template><script>{Js}</script></template>",
        $"<video><source onerror=\"{Js}\"></video>",
        $"<audio src=x onerror={Js}>",
        $"<x onclick={Js}>click</x>",
        $"<table background=\"javascript:{Js}\"><tr><td>x</td></tr></table>",
        $"| a | b |\n|---|---|\n| <img src=x onerror={Js}> | [x](javascript:{Js}) |",
        $"> <script>{Js}</script>\n> [x](javascript:{Js})",
        $"- <img src=x onerror={Js}>\n- [x](javascript:{Js})",
        $"*<img src=x onerror={Js}>*",
        $"# <script>{Js}</script>",
    ];

    /// <summary>Markdown that is slow or huge to render unless refused: nesting, brackets, tables, expansion.</summary>
    public static readonly IReadOnlyList<(string Name, string Content)> Bombs =
    [
        ("10,000 '>'", new string('>', 10_000) + " x"),
        ("nested quotes on many lines", string.Concat(Enumerable.Range(0, 3_000).Select(i => new string('>', i % 100) + " x\n"))),
        ("100 KB of '['", new string('[', 100_000)),
        ("10,000 nested links", new string('[', 10_000) + "x" + new string(']', 10_000) + "(y)"),
        ("20,000 '[a]('", string.Concat(Enumerable.Repeat("[a](", 20_000))),
        ("25,000 '![' ", string.Concat(Enumerable.Repeat("![", 25_000))),
        ("nested emphasis", string.Concat(Enumerable.Repeat("**a", 33_000))),
        ("unclosed emphasis", new string('*', 50_000) + "a" + new string('*', 49_999)),
        ("nested lists", string.Concat(Enumerable.Range(0, 400).Select(i => new string(' ', i * 2) + "- x\n"))),
        ("nested ordered lists", string.Concat(Enumerable.Repeat("1. ", 33_000))),
        ("quotes and lists", string.Concat(Enumerable.Repeat("> - ", 25_000))),
        ("a table 5,000 columns wide", "|" + string.Concat(Enumerable.Repeat("a|", 5_000)) + "\n|" + string.Concat(Enumerable.Repeat("-|", 5_000)) + "\n" +
            string.Concat(Enumerable.Repeat("|x\n", 15_000))),
        ("a table of 16,000 rows", "|a|b|\n|-|-|\n" + string.Concat(Enumerable.Repeat("|x|y|\n", 16_000))),
        ("64 columns, padded rows", "|" + string.Concat(Enumerable.Repeat("a|", 64)) + "\n|" + string.Concat(Enumerable.Repeat("-|", 64)) + "\n" +
            string.Concat(Enumerable.Repeat("|x\n", 30_000))),
        ("100 KB of '|'", new string('|', 100_000)),
        ("14,000 links", string.Concat(Enumerable.Repeat("[a](b) ", 14_000))),
        ("20,000 headings", string.Concat(Enumerable.Repeat("# *a\n", 20_000))),
        ("code spans", string.Concat(Enumerable.Repeat("`a``", 25_000))),
        ("100 KB of '<a'", string.Concat(Enumerable.Repeat("<a", 50_000))),
        ("3,000 reference links", string.Concat(Enumerable.Range(0, 2_500).Select(i => $"[r{i}]: /u{i}\n")) +
            string.Concat(Enumerable.Range(0, 2_500).Select(i => $"[r{i}] "))),
    ];
}
