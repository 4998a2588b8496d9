using BlogModular.Approvals.Contracts;
using BlogModular.Blogging.Contracts;
using BlogModular.Blogging.Features.Posts;
using BlogModular.Blogging.Features.Reviews;
using BlogModular.Blogging.Persistence;
using BlogModular.BuildingBlocks.Messaging;
using BlogModular.BuildingBlocks.Modules;
using BlogModular.BuildingBlocks.Persistence;
using BlogModular.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wolverine.ErrorHandling;
using Wolverine;

namespace BlogModular.Blogging;

/// <summary>Blogging owns posts: writing them, the published feed, and applying review decisions.</summary>
public static class BloggingModule
{
    public const string Name = "Blogging";

    public static readonly ModuleDescriptor Descriptor = new()
    {
        Name = Name,
        Assembly = typeof(BloggingModule).Assembly,
        Schema = BloggingDbContext.Schema,
        // Both on one topic, keyed by post: Approvals sees a post's submissions and acknowledgements in order.
        Publishes =
        [
            MessageRoute.Of<PostSubmitted>(BloggingTopics.BlogCreation, nameof(PostSubmitted.PostId)),
            MessageRoute.Of<ReviewAcknowledged>(BloggingTopics.BlogCreation, nameof(ReviewAcknowledged.PostId)),
        ],
        ListensTo = [ApprovalsTopics.BlogApproval],
        // Acknowledgements that arrive together are stored together (AcknowledgeSubmissionsHandler).
        HandlesInBatches = [typeof(ReviewRequested)],
        // The feed, the posts API and every page no other module claims (the layout's, not-found, static assets).
        DefaultRoute = true,
        Api = new("Posts", "Writing posts, their categories, and reading the published feed (the Blogging module)."),
        Navigation =
        [
            new("Write", PostsPages.Write, Policies.Author),
            new("My posts", PostsPages.Mine, Policies.Author, FullLoad: true),
        ],
        Consistency = SubmissionConsistency.View,
        AddServices = AddServices,
    };

    private static void AddServices(WebApplicationBuilder builder)
    {
        builder.AddModuleDbContext<BloggingDbContext>(Descriptor);
        builder.Services.AddChangeFeed<PostChanges>();
        builder.Services.AddResendSweep<ReannounceUnacknowledgedSubmissions, ReannouncementSettings>(builder.Configuration, ReannouncementSettings.Section);
        builder.Services.AddOptions<PostSearchSettings>().Bind(builder.Configuration.GetSection(PostSearchSettings.Section));
        builder.Services.AddHostedService<PostSearchLanguageCheck>();
        // Approvals' messages from before revisions are still handled, as revision 1 (ADR 0016).
        // Acknowledgements have a handler of their own (AcknowledgeVersion1SubmissionHandler): forwarding would bypass
        // their batching.
        builder.Services.ConfigureWolverine(opts =>
        {
            opts.RegisterMessageForwarder<ReviewStartedV1, ReviewStarted>()
                .RegisterMessageForwarder<ReviewDecidedV1, ReviewDecided>();
            // A decision Blogging does not trust is dead-lettered at once, for operators to see (ADR 0023); one that
            // came before its revision's acknowledgement waits for it without holding up the partition. Rules for the
            // whole process, not the handler's chain: version 1 decisions reach the handler through a forwarding chain.
            opts.OnException<UntrustedReviewDecisionException>().MoveToErrorQueue();
            opts.OnException<ReviewRequestNotYetKnownException>().ScheduleRetry(ReviewDecisionSettings.RetryDelays).Then.MoveToErrorQueue();
        });
        builder.Services.AddOptions<ReviewDecisionSettings>().Bind(builder.Configuration.GetSection(ReviewDecisionSettings.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ReviewDecisionSettings>, ReviewDecisionSettings.Rule>();
    }
}
