using BlogModular.Approvals.Contracts;
using BlogModular.Blogging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BlogModular.Blogging.Features.Reviews;

/// <summary>Approvals has the request: the post is "received for review" and no longer re-announced.</summary>
public static class AcknowledgeSubmissionHandler
{
    public static async Task Handle(ReviewRequested requested, BloggingDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        var post = await db.Posts.SingleOrDefaultAsync(p => p.Id == requested.PostId, cancellationToken);
        if (post is null)
        {
            logger.LogWarning("Review request {ApprovalId} names unknown post {PostId}; ignored", requested.ApprovalId, requested.PostId);
            return;
        }

        post.Acknowledge(requested.RequestedAt);
    }
}
