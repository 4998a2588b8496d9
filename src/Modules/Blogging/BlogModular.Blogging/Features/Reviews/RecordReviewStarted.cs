using BlogModular.Approvals.Contracts;
using BlogModular.Blogging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BlogModular.Blogging.Features.Reviews;

/// <summary>A reviewer picked the post up: "in review" on the author's timeline.</summary>
public static class RecordReviewStartedHandler
{
    public static async Task Handle(ReviewStarted started, BloggingDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        var post = await db.Posts.SingleOrDefaultAsync(p => p.Id == started.PostId, cancellationToken);
        if (post is null)
        {
            logger.LogWarning("Review start {ApprovalId} names unknown post {PostId}; ignored", started.ApprovalId, started.PostId);
            return;
        }

        post.MarkInReview(started.Revision, started.StartedAt);
    }
}
