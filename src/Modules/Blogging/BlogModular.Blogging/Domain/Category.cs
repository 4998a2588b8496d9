namespace BlogModular.Blogging.Domain;

/// <summary>
/// Blogging's reference data: a post belongs to one category. The slug, derived from the first name, is the
/// category's identity in URLs and posts, so renaming keeps it; archiving keeps old posts in it but closes it to new ones.
/// </summary>
public sealed class Category
{
    public const int NameMax = 60;
    public const int SlugMax = 64;

    private Category(string slug, string name, DateTimeOffset createdAt)
    {
        Slug = slug;
        Name = name;
        CreatedAt = createdAt;
    }

    public string Slug { get; private set; }

    public string Name { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ArchivedAt { get; private set; }

    public bool IsArchived => ArchivedAt is not null;

    public static Category Create(string name, DateTimeOffset now) => new(Domain.Slug.From(name), name.Trim(), now);

    public void Rename(string name) => Name = name.Trim();

    /// <summary>Archiving twice changes nothing.</summary>
    public void Archive(DateTimeOffset now) => ArchivedAt ??= now;
}
