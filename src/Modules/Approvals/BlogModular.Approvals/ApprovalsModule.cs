using BlogModular.Approvals.Contracts;
using BlogModular.Approvals.Features.Requests;
using BlogModular.Approvals.Features.Reviews;
using BlogModular.Approvals.Persistence;
using BlogModular.Blogging.Contracts;
using BlogModular.BuildingBlocks.Messaging;
using BlogModular.BuildingBlocks.Modules;
using BlogModular.BuildingBlocks.Persistence;
using BlogModular.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace BlogModular.Approvals;

/// <summary>Approvals owns the editorial review of submitted posts.</summary>
public static class ApprovalsModule
{
    public const string Name = "Approvals";

    public static readonly ModuleDescriptor Descriptor = new()
    {
        Name = Name,
        Assembly = typeof(ApprovalsModule).Assembly,
        Schema = ApprovalsDbContext.Schema,
        // All three on one topic, keyed by post: Blogging sees a post's review steps in order.
        Publishes =
        [
            MessageRoute.Of<ReviewRequested>(ApprovalsTopics.BlogApproval, nameof(ReviewRequested.PostId)),
            MessageRoute.Of<ReviewStarted>(ApprovalsTopics.BlogApproval, nameof(ReviewStarted.PostId)),
            MessageRoute.Of<ReviewDecided>(ApprovalsTopics.BlogApproval, nameof(ReviewDecided.PostId)),
        ],
        ListensTo = [BloggingTopics.BlogCreation],
        // Submissions that arrive together are stored together (ReceivePostSubmissionsHandler).
        HandlesInBatches = [typeof(PostSubmitted)],
        Paths = [ApprovalRoutes.Approvals, ReviewPages.Board],
        CircuitPath = ReviewPages.Circuit,
        Api = new("Reviews", "Approval requests and their review: start, then approve or reject (the Approvals module; reviewers only)."),
        Navigation = [new("Review board", ReviewPages.Board, Policies.Reviewer, FullLoad: true)],
        Consistency = DecisionConsistency.View,
        AddServices = AddServices,
    };

    private static void AddServices(WebApplicationBuilder builder)
    {
        builder.AddModuleDbContext<ApprovalsDbContext>(Descriptor);
        builder.Services.AddChangeFeed<ReviewBoardChanges>();
        ReviewSettings.Register(builder.Services, builder.Configuration);
        builder.Services.AddResendSweep<ResendUnacknowledgedDecisions, DecisionResendSettings>(builder.Configuration, DecisionResendSettings.Section);
    }
}
