using BlogModular.Approvals.Contracts;
using BlogModular.Blogging.Contracts;
using BlogModular.Blogging.Features.Posts;
using BlogModular.Blogging.Persistence;
using BlogModular.BuildingBlocks.Messaging;
using BlogModular.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.EntityFrameworkCore;

namespace BlogModular.Blogging;

/// <summary>Blogging owns posts: writing them, the published feed, and applying review decisions.</summary>
public static class BloggingModule
{
    public const string Name = "Blogging";

    public static WebApplicationBuilder AddBloggingModule(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetBlogModularConnectionString();
        builder.Services.AddDbContextWithWolverineIntegration<BloggingDbContext>(
            options => options.UseModuleNpgsql(connectionString, BloggingDbContext.Schema), MessagingSetup.EnvelopeSchema);
        builder.Services.AddModuleDatabase<BloggingDbContext>(Name);
        builder.Services.Configure<ReannouncementSettings>(builder.Configuration.GetSection(ReannouncementSettings.Section));
        builder.Services.AddHostedService<ReannouncementSweep>();

        var kafka = KafkaSettings.From(builder.Configuration);
        builder.Services.ConfigureWolverine(opts =>
        {
            opts.Discovery.IncludeAssembly(typeof(BloggingModule).Assembly);
            opts.PublishToKafka<PostSubmitted>(kafka, BloggingTopics.BlogCreation, message => message.PostId);
            opts.ListenToKafka(kafka, ApprovalsTopics.BlogApproval, Name);
            // Acknowledgements that arrive together are stored together (AcknowledgeSubmissionsHandler).
            opts.HandleInBatches<ReviewRequested>(kafka);
        });
        return builder;
    }
}
