using BlogModular.Approvals.Contracts;
using BlogModular.Approvals.Persistence;
using BlogModular.Blogging.Contracts;
using BlogModular.BuildingBlocks.Messaging;
using BlogModular.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.EntityFrameworkCore;

namespace BlogModular.Approvals;

/// <summary>Approvals owns the editorial review of submitted posts.</summary>
public static class ApprovalsModule
{
    public const string Name = "Approvals";

    public static WebApplicationBuilder AddApprovalsModule(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetBlogModularConnectionString();
        builder.Services.AddDbContextWithWolverineIntegration<ApprovalsDbContext>(
            options => options.UseModuleNpgsql(connectionString, ApprovalsDbContext.Schema), MessagingSetup.EnvelopeSchema);
        builder.Services.AddModuleDatabase<ApprovalsDbContext>(Name);

        var kafka = KafkaSettings.From(builder.Configuration);
        builder.Services.ConfigureWolverine(opts =>
        {
            opts.Discovery.IncludeAssembly(typeof(ApprovalsModule).Assembly);
            // All three on one topic, keyed by post: Blogging sees a post's review steps in order.
            opts.PublishToKafka<ReviewRequested>(kafka, ApprovalsTopics.BlogApproval, message => message.PostId);
            opts.PublishToKafka<ReviewStarted>(kafka, ApprovalsTopics.BlogApproval, message => message.PostId);
            opts.PublishToKafka<ReviewDecided>(kafka, ApprovalsTopics.BlogApproval, message => message.PostId);
            opts.ListenToKafka(kafka, BloggingTopics.BlogCreation, Name);
            // Submissions that arrive together are stored together (ReceivePostSubmissionsHandler).
            opts.HandleInBatches<PostSubmitted>(kafka);
        });
        return builder;
    }
}
