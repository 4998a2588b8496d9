using BlogModular.Approvals.Persistence;
using BlogModular.Blogging.Contracts;
using BlogModular.BuildingBlocks.Web;

// A fake BuildingBlocks project that knows the modules.
namespace BlogModular.Architecture.Tests.Fixtures.FakeBuildingBlocks;

/// <summary>Breaks rule 5 through a module's contracts, which count as the module.</summary>
public static class SubmissionRelay
{
    public static Guid KeyOf(PostSubmitted submitted) => submitted.PostId;
}

/// <summary>Breaks rule 5 through a module's internals.</summary>
public static class ApprovalsCounter
{
    public static int Count(ApprovalsDbContext db) => db.Requests.Count();
}

/// <summary>Breaks nothing: building blocks may use each other.</summary>
public static class PageOfOne
{
    public static Page<Guid> Of(Guid id) => new([id], null);
}
