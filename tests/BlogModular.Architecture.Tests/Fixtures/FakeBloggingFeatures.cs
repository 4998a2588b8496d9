using BlogModular.Approvals.Contracts;
using BlogModular.Approvals.Persistence;
using BlogModular.Blogging.Persistence;

namespace BlogModular.Architecture.Tests.Fixtures.FakeBlogging.Features.Posts;

/// <summary>Breaks rules 1 and 4: queries the Approvals module's DbContext.</summary>
public static class PeekAtApprovalsHandler
{
    public static int Handle(ApprovalsDbContext db) => db.Requests.Count();
}

/// <summary>Breaks nothing: its own DbContext, the other module's contract, inside Features.</summary>
public static class ApplyDecisionEndpoint
{
    public static int Post(ReviewDecided decision, BloggingDbContext db) => db.Posts.Count(p => p.Id == decision.PostId);
}
