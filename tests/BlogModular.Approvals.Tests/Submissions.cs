using BlogModular.Blogging.Contracts;

namespace BlogModular.Approvals.Tests;

/// <summary>Submissions as Blogging announces them.</summary>
internal static class Submissions
{
    public static PostSubmitted Of(Guid postId, int revision = 1, string title = "Title") =>
        new(postId, revision, Guid.CreateVersion7(), "Ann", title, "Summary", "general", "Content", new DateTimeOffset(2026, 1, 2, 3, 0, 0, TimeSpan.Zero));
}
