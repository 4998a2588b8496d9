using System.Text;
using BlogModular.Approvals.Contracts;
using BlogModular.Approvals.Domain;
using BlogModular.Blogging.Contracts;
using BlogModular.Blogging.Domain;
using Confluent.Kafka;

namespace BlogModular.EndToEnd.Tests;

/// <summary>
/// Messages recorded from version 1 of the contracts (before revisions), produced straight onto the topics with a
/// plain Kafka producer as a process still on that version would send them: each is still handled, as revision 1.
/// </summary>
[Collection(HostGroup.Name)]
public sealed class ContractVersionTests(AppFixture app) : IAsyncLifetime
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
    public async Task A_version_1_submission_becomes_an_approval_request_for_revision_1()
    {
        var postId = Guid.CreateVersion7();
        var deadLetters = await app.ScalarAsync<long>(AppFixture.DeadLetterCount);

        await ProduceAsync(BloggingTopics.BlogCreation, "blogging.post-submitted.V1", postId);

        var request = await _reviewer.WaitForApprovalRequestAsync(postId);
        request.Revision.ShouldBe(1);
        request.Title.ShouldBe("Written before revisions");
        request.Content.ShouldBe("Recorded from version 1 of the contract.");
        request.Author.ShouldBe("Ann");
        request.Progress.ShouldBe(ReviewProgress.ToDo);
        (await app.ScalarAsync<long>(AppFixture.DeadLetterCount)).ShouldBe(deadLetters);
    }

    [Fact]
    public async Task Version_1_review_messages_acknowledge_start_and_decide_revision_1_of_a_post()
    {
        var post = await _author.CreatePostAsync(title: "Decided by an old process");
        var request = await _reviewer.WaitForApprovalRequestAsync(post.Id);
        var deadLetters = await app.ScalarAsync<long>(AppFixture.DeadLetterCount);

        // An Approvals process on version 1 acknowledges, starts and decides; each on the post's partition, in order.
        await ProduceAsync(ApprovalsTopics.BlogApproval, "approvals.review-requested.V1", post.Id, request.Id);
        await ProduceAsync(ApprovalsTopics.BlogApproval, "approvals.review-started.V1", post.Id, request.Id);
        await ProduceAsync(ApprovalsTopics.BlogApproval, "approvals.review-decided.V1", post.Id, request.Id);

        var published = await _author.WaitForPostAsync(post.Id, p => p.Status == PostStatus.Published);
        published.Revision.ShouldBe(1);
        published.PublishedAt.ShouldBe(DateTimeOffset.Parse("2026-11-20T09:30:00+00:00"));
        published.Timeline!.ShouldContain(e => e.Step == TimelineStep.InReview && e.At == DateTimeOffset.Parse("2026-11-20T09:20:00+00:00"));
        published.Timeline!.Where(e => e.Step == TimelineStep.ReceivedForReview).ShouldHaveSingleItem();
        (await app.ScalarAsync<long>(AppFixture.DeadLetterCount)).ShouldBe(deadLetters, "every version 1 message was handled, none dead-lettered");
    }

    [Fact]
    public async Task A_version_1_decision_arriving_after_an_edit_changes_nothing()
    {
        var post = await _author.CreatePostAsync(title: "Edited since");
        var request = await _reviewer.WaitForApprovalRequestAsync(post.Id);
        await _author.ReviseAsync(post.Id, 1, "Edited since, revision 2");
        var second = await _reviewer.WaitForApprovalRequestAsync(post.Id, revision: 2);

        await ProduceAsync(ApprovalsTopics.BlogApproval, "approvals.review-decided.V1", post.Id, request.Id);
        // A witness behind it on the same partition: once revision 2 is decided, the old decision was handled too.
        await _reviewer.StartAsync(second.Id);
        await _reviewer.DecideAsync(second.Id, "Rejected", "Still early");

        var decided = await _author.WaitForPostAsync(post.Id, p => p.Status != PostStatus.Submitted);
        decided.Status.ShouldBe(PostStatus.Rejected);
        decided.PublishedAt.ShouldBeNull();
    }

    /// <summary>The recorded payload of <paramref name="identity"/> with the ids filled in, and the headers Wolverine reads.</summary>
    private async Task ProduceAsync(string topic, string identity, Guid postId, Guid? approvalId = null)
    {
        var json = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "RecordedMessages", identity + ".json")))
            .Replace("{postId}", postId.ToString(), StringComparison.Ordinal)
            .Replace("{approvalId}", (approvalId ?? Guid.Empty).ToString(), StringComparison.Ordinal);
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = app.Bootstrap }).Build();
        await producer.ProduceAsync(topic, new Message<string, byte[]>
        {
            Key = postId.ToString(),
            Value = Encoding.UTF8.GetBytes(json),
            Headers = new Headers
            {
                { "id", Encoding.UTF8.GetBytes(Guid.CreateVersion7().ToString()) },
                { "message-type", Encoding.UTF8.GetBytes(identity) },
                { "content-type", Encoding.UTF8.GetBytes("application/json") },
            },
        });
    }
}
