using BlogModular.Approvals.Contracts;
using BlogModular.Blogging.Contracts;

namespace BlogModular.Host;

internal static class Topics
{
    /// <summary>Every topic of the deployment, created up front on an embedded broker.</summary>
    public static readonly string[] All = [BloggingTopics.BlogCreation, ApprovalsTopics.BlogApproval];
}
