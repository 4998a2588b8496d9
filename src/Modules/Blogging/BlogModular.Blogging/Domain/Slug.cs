using System.Globalization;
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
        // FormD splits accented letters into the letter and its marks, which are dropped.
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingHyphen && builder.Length > 0)
                {
                    builder.Append('-');
                }

                builder.Append(char.ToLowerInvariant(c));
                pendingHyphen = false;
            }
            else
            {
                pendingHyphen = true;
            }
        }

        return builder.Length <= Category.SlugMax ? builder.ToString() : builder.ToString(0, Category.SlugMax).TrimEnd('-');
    }

    /// <summary>Whether <paramref name="value"/> has a slug's shape, so a query can refuse anything else before the database.</summary>
    public static bool IsWellFormed(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= Category.SlugMax && value == From(value);
}
