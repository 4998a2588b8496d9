using System.Text;
using System.Text.Json;
using BlogModular.Approvals.Contracts;
using BlogModular.Approvals.Domain;
using BlogModular.Approvals.Features.Reviews;
using BlogModular.Blogging.Contracts;
using BlogModular.Blogging.Domain;
using BlogModular.Testing;
using Confluent.Kafka;
using Wolverine.Util;

namespace BlogModular.EndToEnd.Tests;

/// <summary>
/// What the application still checks when something that may write to a topic sends what it should not (ADR 0023):
/// records produced straight onto the topics with a plain Kafka producer, as the poison-message tests do.
/// </summary>
[Collection(HostGroup.Name)]
public sealed class BrokerTrustTests(AppFixture app) : IAsyncLifetime
{
    private Api _author = null!;
    private Api _reviewer = null!;

    public async Task InitializeAsync()
    {
        _author = await app.SignedInAsync("Ann");
        _reviewer = await app.SignedInAsync("Rita", reviewer: true);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_internal_command_produced_onto_a_topic_is_dead_lettered_without_running_its_handler()
    {
        var post = await _author.CreatePostAsync(title: "Decided only by its reviewer");
        var request = await _reviewer.StartAsync((await _reviewer.WaitForApprovalRequestAsync(post.Id)).Id);
        var reviewer = request.Assignee.ShouldNotBeNull();

        // Approvals' own use case, complete and valid for this review: handled, it would approve and publish the post.
        var id = await ProduceAsync(BloggingTopics.BlogCreation, post.Id, typeof(DecideReview).ToMessageTypeName(), new
        {
            approvalId = request.Id,
            reviewer = new { id = reviewer.Id, name = reviewer.Name },
            status = "Approved",
            reason = (string?)null,
        });

        (await DeadLetterExceptionAsync(id)).ShouldContain("UntrustedMessageTypeException");
        (await _reviewer.GetApprovalAsync(request.Id)).Progress.ShouldBe(ReviewProgress.InProgress);
        (await _author.GetPostAsync(post.Id))!.Status.ShouldBe(PostStatus.Submitted);
    }

    public enum Forgery
    {
        AnotherRequest,
        DatedInTheFuture,
        UnknownRevision,
    }

    [Theory]
    [InlineData(Forgery.AnotherRequest)]
    [InlineData(Forgery.DatedInTheFuture)]
    [InlineData(Forgery.UnknownRevision)]
    public async Task A_forged_decision_on_the_real_topic_is_dead_lettered_and_the_post_still_awaits_its_reviewer(Forgery forgery)
    {
        var post = await _author.CreatePostAsync(title: $"Not decided by a forger ({forgery})");
        var request = await _reviewer.WaitForApprovalRequestAsync(post.Id);
        await _author.WaitForPostAsync(post.Id, p => p.Timeline!.Any(e => e.Step == TimelineStep.ReceivedForReview));

        var id = await ProduceAsync(ApprovalsTopics.BlogApproval, post.Id, "approvals.review-decided.V2", new
        {
            postId = post.Id,
            revision = forgery == Forgery.UnknownRevision ? 2 : 1,
            approvalId = forgery == Forgery.AnotherRequest ? Guid.CreateVersion7() : request.Id,
            outcome = "Approved",
            reason = (string?)null,
            decidedAt = forgery == Forgery.DatedInTheFuture ? DateTimeOffset.UtcNow.AddHours(1) : DateTimeOffset.UtcNow,
        });

        (await DeadLetterExceptionAsync(id)).ShouldContain("UntrustedReviewDecisionException");
        var unchanged = (await _author.GetPostAsync(post.Id))!;
        unchanged.Status.ShouldBe(PostStatus.Submitted);
        unchanged.PublishedAt.ShouldBeNull();
        unchanged.Timeline!.ShouldNotContain(e => e.Step == TimelineStep.Approved);

        // The reviewer's own decision still counts.
        await _reviewer.StartAsync(request.Id);
        await _reviewer.DecideAsync(request.Id, "Approved");
        (await _author.WaitForPostAsync(post.Id, p => p.Status == PostStatus.Published)).Revision.ShouldBe(1);
    }

    [Fact]
    public async Task A_decision_that_arrives_before_its_acknowledgement_waits_for_it_and_is_then_applied()
    {
        var post = await _author.CreatePostAsync(title: "Acknowledged late");
        var request = await _reviewer.WaitForApprovalRequestAsync(post.Id);
        await _author.WaitForPostAsync(post.Id, p => p.Timeline!.Any(e => e.Step == TimelineStep.ReceivedForReview));
        // As if the acknowledgement were still on its way: Blogging does not know the request yet.
        await app.ExecuteAsync($"update blogging.posts set acknowledged_at = null, review_request_id = null where id = '{post.Id}'");

        await ProduceAsync(ApprovalsTopics.BlogApproval, post.Id, "approvals.review-decided.V2", new
        {
            postId = post.Id, revision = 1, approvalId = request.Id, outcome = "Approved", reason = (string?)null, decidedAt = DateTimeOffset.UtcNow,
        });
        await ProduceAsync(ApprovalsTopics.BlogApproval, post.Id, "approvals.review-requested.V2", new
        {
            postId = post.Id, revision = 1, approvalId = request.Id, requestedAt = request.RequestedAt,
        });

        var published = await _author.WaitForPostAsync(post.Id, p => p.Status == PostStatus.Published);
        published.Revision.ShouldBe(1);
        (await app.ScalarAsync<Guid>($"select review_request_id from blogging.posts where id = '{post.Id}'")).ShouldBe(request.Id);
    }

    /// <summary>One record with the headers Wolverine reads; returns its envelope id.</summary>
    private async Task<Guid> ProduceAsync(string topic, Guid postId, string messageType, object body)
    {
        var id = Guid.CreateVersion7();
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = app.Bootstrap }).Build();
        await producer.ProduceAsync(topic, new Message<string, byte[]>
        {
            Key = postId.ToString(),
            Value = JsonSerializer.SerializeToUtf8Bytes(body),
            Headers = new Headers
            {
                { "id", Encoding.UTF8.GetBytes(id.ToString()) },
                { "message-type", Encoding.UTF8.GetBytes(messageType) },
                { "content-type", Encoding.UTF8.GetBytes("application/json") },
            },
        });
        return id;
    }

    private Task<string> DeadLetterExceptionAsync(Guid id) => Eventually.GetAsync(
        () => app.ScalarAsync<string?>("select exception_type from wolverine.wolverine_dead_letters where id = $1", id),
        Api.MessageTimeout, $"envelope {id} in the dead letters");
}
