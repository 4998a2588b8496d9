using BlogModular.Blogging.Domain;

namespace BlogModular.Blogging.Tests;

public class SlugTests
{
    [Theory]
    [InlineData("General", "general")]
    [InlineData("  Release notes  ", "release-notes")]
    [InlineData("Café & Culture", "cafe-culture")]
    [InlineData("C# / .NET 10", "c-net-10")]
    [InlineData("--Already-a-slug--", "already-a-slug")]
    [InlineData("Ünïcödé Ströngs", "unicode-strongs")]
    [InlineData("日本語", "")]
    public void A_slug_is_lowercase_ascii_words_joined_by_hyphens(string name, string slug) => Slug.From(name).ShouldBe(slug);

    [Fact]
    public void A_slug_is_cut_to_the_limit_without_a_trailing_hyphen()
    {
        var slug = Slug.From(string.Join(' ', Enumerable.Repeat("abcdefg", 20)));

        slug.Length.ShouldBeLessThanOrEqualTo(Category.SlugMax);
        slug.ShouldNotEndWith("-");
    }

    [Theory]
    [InlineData("general", true)]
    [InlineData("release-notes", true)]
    [InlineData("General", false)]
    [InlineData("a--b", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_a_slug_shaped_value_is_well_formed(string? value, bool wellFormed) => Slug.IsWellFormed(value).ShouldBe(wellFormed);
}
