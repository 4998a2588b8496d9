using System.Text;

namespace BlogModular.Blogging.Domain;

/// <summary>URL-safe names: lowercase ASCII letters and digits separated by single hyphens.</summary>
public static class Slug
{
    /// <summary>"Café &amp; Culture" → "cafe-culture"; empty when nothing usable is left (e.g. a name in another script).</summary>
    public static string From(string name)
    {
        var builder = new StringBuilder(name.Length);
        var pendingHyphen = false;
        foreach (var c in name)
        {
            var lower = char.ToLowerInvariant(c);
            var ascii = char.IsAsciiLetterOrDigit(lower) ? lower.ToString() : Latin.GetValueOrDefault(lower);
            if (ascii is not null)
            {
                if (pendingHyphen && builder.Length > 0)
                {
                    builder.Append('-');
                }

                builder.Append(ascii);
                pendingHyphen = false;
            }
            else
            {
                pendingHyphen = true;
            }
        }

        return builder.Length <= Category.SlugMax ? builder.ToString() : builder.ToString(0, Category.SlugMax).TrimEnd('-');
    }

    // The host runs with invariant globalization, where string.Normalize cannot split accents off: Latin letters by hand.
    private static readonly Dictionary<char, string> Latin = new[]
    {
        ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"), ("ìíîïĩīĭįı", "i"),
        ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöøōŏő", "o"), ("ŕŗř", "r"), ("śŝşš", "s"), ("ß", "ss"),
        ("ţťŧ", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"), ("æ", "ae"), ("œ", "oe"), ("þ", "th"),
    }.SelectMany(p => p.Item1.Select(c => (c, p.Item2))).ToDictionary(p => p.c, p => p.Item2);

    /// <summary>Whether <paramref name="value"/> has a slug's shape, so a query can refuse anything else before the database.</summary>
    public static bool IsWellFormed(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= Category.SlugMax && value == From(value);
}
