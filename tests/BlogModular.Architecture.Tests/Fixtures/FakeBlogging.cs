using BlogModular.Approvals.Domain;
using BlogModular.Blogging.Persistence;

// A fake Blogging module that breaks the rules on purpose, so the companion tests can show each rule fail.
namespace BlogModular.Architecture.Tests.Fixtures.FakeBlogging;

/// <summary>Breaks rule 1: reads the Approvals module's domain instead of its contracts.</summary>
public static class ApprovalSnooper
{
    public static bool IsDone(ApprovalRequest request) => request.Outcome is not null;
}

/// <summary>Breaks rule 4: a handler outside Features (its own DbContext is fine).</summary>
public static class StrayHandler
{
    public static int Handle(BloggingDbContext db) => db.Posts.Count();
}
