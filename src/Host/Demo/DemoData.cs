using BlogModular.Accounts.Features.Users;
using BlogModular.Approvals;
using BlogModular.Approvals.Contracts;
using BlogModular.Approvals.Features.Requests;
using BlogModular.Approvals.Features.Reviews;
using BlogModular.Blogging;
using BlogModular.Blogging.Features.Posts;
using BlogModular.BuildingBlocks.Security;
using BlogModular.BuildingBlocks.UseCases;
using Wolverine;

namespace BlogModular.Host.Demo;

/// <summary>
/// <c>./run.sh --demo</c> (Development only, <c>Demo:Enabled</c>): a reviewer and an author with known passwords
/// and a few posts in every state, made through the same Wolverine handlers the UI uses, so a first run shows
/// a filled feed and board. Runs once per database: when the demo author already exists, nothing is added.
/// </summary>
internal static class DemoData
{
    public const string ReviewerEmail = "rita@demo.local";
    public const string ReviewerPassword = "Demo-reviewer-1";
    public const string AuthorEmail = "ada@demo.local";
    public const string AuthorPassword = "Demo-author-1";

    private static readonly (string Title, string? Summary, string Category, string Content, Fate Fate)[] Posts =
    [
        ("Welcome to BlogModular", "What this blog is and how a post gets here.", "general",
            "Posts go through an **editorial review** before they reach this page.\n\nThis one made it.", Fate.Approve),
        ("Modular monoliths, one year in", null, "engineering",
            "Two modules, two schemas, one process, and messages over Kafka between them.\n\n" +
            "- each module owns its schema\n- messages go through an outbox\n\n```\nPOST /api/posts\n```", Fate.Approve),
        ("Ten reasons to skip testing", "A provocative list.", "culture", "Reason one: …", Fate.Reject),
        ("Kafka keys, explained badly", null, "engineering", "Keys are… complicated.", Fate.ReviseAndApprove),
        ("Outbox patterns compared", null, "engineering", "Being reviewed right now: a reviewer pressed *Process*.", Fate.Start),
        ("Draft ideas for next week", null, "general", "Waiting in the reviewers' To Do column.", Fate.Leave),
    ];

    private enum Fate
    {
        Leave,
        Start,
        Approve,
        Reject,

        /// <summary>Rejected, edited by its author (revision 2), then approved.</summary>
        ReviseAndApprove,
    }

    public static WebApplicationBuilder AddDemoData(this WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment() && builder.Configuration.GetValue<bool>("Demo:Enabled") &&
            BloggingModule.Descriptor.IsEnabled(builder.Configuration) && ApprovalsModule.Descriptor.IsEnabled(builder.Configuration))
        {
            builder.Services.AddHostedService<Seeder>();
        }

        return builder;
    }

    /// <summary>Starts after the host has (migrations applied, listeners running), so submissions can cross Kafka.</summary>
    private sealed class Seeder(IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<Seeder> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var started = new TaskCompletionSource();
            await using var registration = lifetime.ApplicationStarted.Register(started.SetResult);
            await started.Task.WaitAsync(stoppingToken);
            try
            {
                await SeedAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Demo data could not be created");
            }
        }

        private async Task SeedAsync(CancellationToken cancellationToken)
        {
            await using var scope = services.CreateAsyncScope();
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            var reviewer = await AddUserAsync(bus, new AddUser(ReviewerEmail, "Rita (reviewer)", ReviewerPassword, Reviewer: true), cancellationToken);
            var author = await AddUserAsync(bus, new AddUser(AuthorEmail, "Ada", AuthorPassword, Reviewer: false), cancellationToken);
            if (!author.Created)
            {
                logger.LogInformation("Demo data already present");
                return;
            }

            var (writer, rita) = (new Actor(author.Id!.Value, author.DisplayName), new Actor(reviewer.Id!.Value, reviewer.DisplayName));
            foreach (var (title, summary, category, content, fate) in Posts)
            {
                var post = (await bus.InvokeAsync<UseCaseResult<PostResponse>>(
                    new SubmitPost(writer, title, summary, category, content), cancellationToken)).Value;
                if (fate == Fate.Leave)
                {
                    continue;
                }

                if (fate == Fate.ReviseAndApprove)
                {
                    await DecideAsync(bus, rita, post.Id, 1, ReviewOutcome.Rejected, "Explain what a key decides: the partition, and so the order.", cancellationToken);
                    // The decision reaches Blogging over Kafka; until it has, the post is still in review and cannot be edited.
                    await RejectionAppliedAsync(bus, writer, post.Id, cancellationToken);
                    var revised = new RevisePost(writer, post.Id, ExpectedRevisions: [1], "Kafka keys, explained", "What a message key decides.", category,
                        "A message's **key** picks its partition, and order is kept within a partition only.\n\n" +
                        "So every message about one post is keyed by the post's id: they arrive in the order they were sent.");
                    _ = (await bus.InvokeAsync<UseCaseResult<PostResponse>>(revised, cancellationToken)).Value;
                    await DecideAsync(bus, rita, post.Id, 2, ReviewOutcome.Approved, null, cancellationToken);
                    continue;
                }

                var approvalId = await ApprovalRequestForAsync(bus, post.Id, 1, cancellationToken);
                _ = (await bus.InvokeAsync<UseCaseResult<ApprovalResponse>>(new StartReview(approvalId, rita), cancellationToken)).Value;
                if (fate is Fate.Approve or Fate.Reject)
                {
                    var outcome = fate == Fate.Approve ? ReviewOutcome.Approved : ReviewOutcome.Rejected;
                    var reason = fate == Fate.Reject ? "Please back the claims with sources, and reconsider the title." : null;
                    _ = (await bus.InvokeAsync<UseCaseResult<ApprovalResponse>>(new DecideReview(approvalId, rita, outcome, reason), cancellationToken)).Value;
                }
            }

            logger.LogInformation("Demo data created: {Count} posts by {Author}", Posts.Length, AuthorEmail);
        }

        /// <summary>Starts and decides the review of the post's <paramref name="revision"/> once its request has arrived.</summary>
        private static async Task DecideAsync(
            IMessageBus bus, Actor reviewer, Guid postId, int revision, ReviewOutcome outcome, string? reason, CancellationToken cancellationToken)
        {
            var approvalId = await ApprovalRequestForAsync(bus, postId, revision, cancellationToken);
            _ = (await bus.InvokeAsync<UseCaseResult<ApprovalResponse>>(new StartReview(approvalId, reviewer), cancellationToken)).Value;
            _ = (await bus.InvokeAsync<UseCaseResult<ApprovalResponse>>(new DecideReview(approvalId, reviewer, outcome, reason), cancellationToken)).Value;
        }

        /// <summary>Waits until Blogging has applied the post's rejection (decisions come over Kafka): then it carries the reason.</summary>
        private static async Task RejectionAppliedAsync(IMessageBus bus, Actor author, Guid postId, CancellationToken cancellationToken)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            while ((await bus.InvokeAsync<UseCaseResult<PostResponse>>(new GetPost(postId, author, ViewerIsReviewer: false), timeout.Token)).Value.RejectionReason is null)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
            }
        }

        /// <summary>The request arrives over Kafka shortly after the submission commits.</summary>
        private static async Task<Guid> ApprovalRequestForAsync(IMessageBus bus, Guid postId, int revision, CancellationToken cancellationToken)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            while (true)
            {
                if (await bus.InvokeAsync<ApprovalResponse?>(new FindApprovalRequest(postId, revision), timeout.Token) is { } request)
                {
                    return request.Id;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
            }
        }

        private static async Task<AddUserResult> AddUserAsync(IMessageBus bus, AddUser command, CancellationToken cancellationToken)
        {
            var result = await bus.InvokeAsync<AddUserResult>(command, cancellationToken);
            return result.Succeeded ? result : throw new InvalidOperationException(string.Join(" ", result.Errors));
        }
    }
}
