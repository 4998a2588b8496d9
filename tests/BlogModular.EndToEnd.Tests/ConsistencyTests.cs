using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BlogModular.Approvals.Contracts;
using BlogModular.Blogging.Contracts;
using BlogModular.Blogging.Domain;
using BlogModular.Testing;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Runtime;
using Xunit.Abstractions;

namespace BlogModular.EndToEnd.Tests;

/// <summary>
/// Consistency in the direction Approvals → Blogging: a decision lost on the way (its outbox row deleted, or the
/// broker's copy consumed and dropped) is sent again until Blogging acknowledges it; a request for a post Blogging
/// does not know is flagged as orphaned, in the operations view and its gauge. Each test prints what it saw.
/// </summary>
[Collection(HostGroup.Name)]
public sealed class ConsistencyTests(AppFixture app, ITestOutputHelper output) : IAsyncLifetime
{
    private const string DecisionType = "approvals.review-decided.V2";

    /// <summary>Time for the resend wait, a sweep round and the hop, with room for a busy machine.</summary>
    private static readonly TimeSpan HealTimeout = TimeSpan.FromSeconds(60);

    private Api _author = null!;
    private Api _reviewer = null!;
    private Api _operator = null!;

    public async Task InitializeAsync()
    {
        _author = await app.SignedInAsync("Ann");
        _reviewer = await app.SignedInAsync("Rita", reviewer: true);
        _operator = await app.SignedInAsync("Olga", @operator: true);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_decided_request_is_acknowledged_by_Blogging_and_not_sent_again()
    {
        var (postId, approvalId) = await InReviewAsync("Acknowledged");

        await _reviewer.DecideAsync(approvalId, "Approved");

        await Eventually.HoldsAsync(async () => await app.ScalarAsync<bool>(
            "select decision_acknowledged_at is not null and decision_sent_at is null from approvals.approval_requests where id = $1", approvalId),
            Api.MessageTimeout, "Blogging's acknowledgement of the decision");
        (await app.ScalarAsync<int>("select decision_resends from approvals.approval_requests where id = $1", approvalId)).ShouldBe(0);
        (await _author.GetPostAsync(postId))!.Status.ShouldBe(PostStatus.Published);
    }

    [Fact]
    public async Task A_decision_whose_outbox_row_is_deleted_is_sent_again_and_the_post_is_published()
    {
        app.Broker.ShouldNotBeNull("needs the embedded broker (unset BLOGMODULAR_TEST_KAFKA)");
        var (postId, approvalId) = await InReviewAsync("Decision lost in the outbox");
        int deleted;
        app.Broker.SetDown();
        try
        {
            await _reviewer.DecideAsync(approvalId, "Approved");
            await Eventually.HoldsAsync(async () => await OutboxDecisionsAsync() > 0, TimeSpan.FromSeconds(10), "the decision in the outbox");
            // Lost as if the outbox row had never been written: nothing of it ever reaches Kafka.
            deleted = await DeleteOutboxDecisionsAsync();
            (await UnacknowledgedDecisionsInOpsViewAsync()).ShouldBeGreaterThanOrEqualTo(1);
            (await GaugeAsync("blogmodular_approvals_unacknowledged_decisions")).ShouldBeGreaterThanOrEqualTo(1);
        }
        finally
        {
            app.Broker.SetUp();
        }

        var started = DateTimeOffset.UtcNow;
        var published = await Eventually.GetAsync(async () => await _author.GetPostAsync(postId) is { Status: PostStatus.Published } p ? p : null,
            HealTimeout, "the post published by the decision sent again");
        var resends = await AcknowledgedAfterResendsAsync(approvalId);
        output.WriteLine($"outbox rows deleted: {deleted}; decision sent again {resends} time(s); post published {(DateTimeOffset.UtcNow - started).TotalSeconds:F1} s after the broker returned");
        published.Timeline!.Count(e => e.Step == TimelineStep.Approved).ShouldBe(1);
        resends.ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task A_decision_dropped_from_the_broker_is_sent_again_and_the_post_is_published()
    {
        var (postId, approvalId) = await InReviewAsync("Decision dropped by the broker");
        var runtime = app.Host.Services.GetRequiredService<IWolverineRuntime>();
        var blogging = runtime.Endpoints.ActiveListeners().Single(l => l.Uri.ToString().Contains(ApprovalsTopics.BlogApproval, StringComparison.Ordinal));
        // Blogging stops listening, so the decision waits on the topic; a plain consumer in Blogging's group then takes
        // it and commits past it, as a broker or consumer that lost it would.
        await blogging.StopAndDrainAsync();
        int dropped;
        try
        {
            await _reviewer.DecideAsync(approvalId, "Rejected", "Not for this blog");
            dropped = await DropDecisionFromTopicAsync(postId);
        }
        finally
        {
            await blogging.StartAsync();
        }

        var started = DateTimeOffset.UtcNow;
        var rejected = await Eventually.GetAsync(async () => await _author.GetPostAsync(postId) is { Status: PostStatus.Rejected } p ? p : null,
            HealTimeout, "the post rejected by the decision sent again");
        var resends = await AcknowledgedAfterResendsAsync(approvalId);
        output.WriteLine($"messages consumed and dropped from {ApprovalsTopics.BlogApproval}: {dropped}; decision sent again {resends} time(s); post rejected {(DateTimeOffset.UtcNow - started).TotalSeconds:F1} s after Blogging listened again");
        rejected.RejectionReason.ShouldBe("Not for this blog");
        resends.ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task A_decision_whose_inbox_row_is_deleted_is_sent_again_and_the_post_is_published()
    {
        var (postId, approvalId) = await InReviewAsync("Decision lost in the inbox");
        // The real acknowledgement first: one still on its way would name the request again once it arrived, and the
        // decision would be applied before the test deletes it.
        await _author.WaitForPostAsync(postId, p => p.Timeline!.Any(e => e.Step == TimelineStep.ReceivedForReview));
        // Blogging does not know the request yet, as if its acknowledgement were late: the decision waits in Blogging's
        // inbox to be retried (ADR 0023), and there it is deleted, as a lost inbox row would be.
        await app.ExecuteAsync($"update blogging.posts set review_request_id = null, acknowledged_at = null where id = '{postId}'");
        await _reviewer.DecideAsync(approvalId, "Approved");
        var deleted = 0;
        await Eventually.HoldsAsync(async () =>
        {
            deleted += await DeleteInboxDecisionsAsync(postId);
            // Gone for good: a retry that was running while the row was deleted would write it back.
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            return deleted > 0 && await InboxDecisionsAsync(postId) == 0;
        }, TimeSpan.FromSeconds(20), "the decision in Blogging's inbox, deleted");
        // The acknowledgement arrives; the decision it names is gone.
        await app.ExecuteAsync($"update blogging.posts set review_request_id = '{approvalId}', acknowledged_at = now() where id = '{postId}'");
        (await _author.GetPostAsync(postId))!.Status.ShouldBe(PostStatus.Submitted);

        var started = DateTimeOffset.UtcNow;
        var published = await Eventually.GetAsync(async () => await _author.GetPostAsync(postId) is { Status: PostStatus.Published } p ? p : null,
            HealTimeout, "the post published by the decision sent again");
        var resends = await AcknowledgedAfterResendsAsync(approvalId);
        output.WriteLine($"inbox rows deleted: {deleted}; decision sent again {resends} time(s); post published {(DateTimeOffset.UtcNow - started).TotalSeconds:F1} s after the acknowledgement");
        published.Timeline!.Count(e => e.Step == TimelineStep.Approved).ShouldBe(1);
        resends.ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task A_request_for_a_post_Blogging_does_not_know_is_flagged_orphaned_in_the_ops_view_and_the_gauge()
    {
        // A submission for a post Blogging never had, as a foreign or buggy producer could put on the topic.
        var forged = new PostSubmitted(Guid.CreateVersion7(), 1, Guid.CreateVersion7(), "Nobody", "A post nobody wrote", "Summary", "general", "Body", DateTimeOffset.UtcNow);
        await using (var scope = app.Host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(forged);
        }

        var request = await _reviewer.WaitForApprovalRequestAsync(forged.PostId);
        var flagged = await Eventually.GetAsync(async () => (await ApprovalsConsistencyAsync())["flagged"]!.AsArray()
                .FirstOrDefault(f => f!["id"]!.GetValue<Guid>() == request.Id)?.AsObject(),
            Api.MessageTimeout, "the orphaned request in the operations view");
        flagged["subject"]!.GetValue<string>().ShouldContain(forged.PostId.ToString());
        flagged["problem"]!.GetValue<string>().ShouldContain("orphaned");

        var orphaned = await app.ScalarAsync<long>("select count(*) from approvals.approval_requests where orphaned_at is not null");
        var view = (await ApprovalsConsistencyAsync())["counts"]!["orphaned_requests"]!.GetValue<long>();
        var gauge = await GaugeAsync("blogmodular_approvals_orphaned_requests");
        output.WriteLine($"orphaned requests: {orphaned} in the table, {view} in the ops view, {gauge} in /metrics");
        view.ShouldBe(orphaned);
        gauge.ShouldBe(orphaned);
    }

    [Fact]
    public async Task The_consistency_gauges_are_in_metrics()
    {
        foreach (var gauge in new[] { "blogmodular_blogging_unacknowledged_submissions", "blogmodular_approvals_unacknowledged_decisions", "blogmodular_approvals_orphaned_requests" })
        {
            (await GaugeAsync(gauge)).ShouldBeGreaterThanOrEqualTo(0);
        }
    }

    private async Task<(Guid PostId, Guid ApprovalId)> InReviewAsync(string title)
    {
        var post = await _author.CreatePostAsync(title: title);
        var request = await _reviewer.WaitForApprovalRequestAsync(post.Id);
        await _reviewer.StartAsync(request.Id);
        return (post.Id, request.Id);
    }

    private Task<long> OutboxDecisionsAsync() =>
        app.ScalarAsync<long>($"select count(*) from wolverine.wolverine_outgoing_envelopes where message_type = '{DecisionType}'");

    private async Task<int> DeleteOutboxDecisionsAsync()
    {
        var count = (int)await OutboxDecisionsAsync();
        await app.ExecuteAsync($"delete from wolverine.wolverine_outgoing_envelopes where message_type = '{DecisionType}'");
        return count;
    }

    private Task<long> InboxDecisionsAsync(Guid postId) => app.ScalarAsync<long>(
        $"select count(*) from wolverine.wolverine_incoming_envelopes where message_type = '{DecisionType}' and position(convert_to('{postId}', 'UTF8') in body) > 0");

    private async Task<int> DeleteInboxDecisionsAsync(Guid postId)
    {
        var count = (int)await InboxDecisionsAsync(postId);
        await app.ExecuteAsync(
            $"delete from wolverine.wolverine_incoming_envelopes where message_type = '{DecisionType}' and position(convert_to('{postId}', 'UTF8') in body) > 0");
        return count;
    }

    /// <summary>Waits for Blogging's acknowledgement and returns how often the decision was sent again before it.</summary>
    private async Task<int> AcknowledgedAfterResendsAsync(Guid approvalId)
    {
        await Eventually.HoldsAsync(async () => await app.ScalarAsync<bool>(
            "select decision_acknowledged_at is not null from approvals.approval_requests where id = $1", approvalId),
            Api.MessageTimeout, "Blogging's acknowledgement of the decision");
        return await app.ScalarAsync<int>("select decision_resends from approvals.approval_requests where id = $1", approvalId);
    }

    /// <summary>Consumes blog-approval in Blogging's group up to and past the post's decision, commits, and leaves.</summary>
    private async Task<int> DropDecisionFromTopicAsync(Guid postId)
    {
        return await Task.Run(() =>
        {
            using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
            {
                BootstrapServers = app.Bootstrap,
                GroupId = BlogModular.Blogging.BloggingModule.Descriptor.ConsumerGroup,
                AutoOffsetReset = AutoOffsetReset.Earliest,
                EnableAutoCommit = false,
                SessionTimeoutMs = 6000,
            }).Build();
            consumer.Subscribe(ApprovalsTopics.BlogApproval);
            var dropped = 0;
            var sawDecision = false;
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
            while (DateTime.UtcNow < deadline)
            {
                var result = consumer.Consume(TimeSpan.FromSeconds(1));
                if (result is null)
                {
                    if (sawDecision)
                    {
                        break;
                    }

                    continue;
                }

                dropped++;
                if (result.Message.Key == postId.ToString() && result.Message.Headers.TryGetLastBytes("message-type", out var type)
                    && Encoding.UTF8.GetString(type) == DecisionType)
                {
                    sawDecision = true;
                }
            }

            sawDecision.ShouldBeTrue("the decision on the topic");
            consumer.Commit();
            consumer.Close();
            return dropped;
        });
    }

    private async Task<long> UnacknowledgedDecisionsInOpsViewAsync() =>
        (await ApprovalsConsistencyAsync())["counts"]!["unacknowledged_decisions"]!.GetValue<long>();

    private async Task<JsonObject> ApprovalsConsistencyAsync()
    {
        var flow = (await _operator.Http.GetFromJsonAsync<JsonObject>("/api/ops/messages"))!;
        return flow["consistency"]!.AsArray().Single(m => m!["module"]!.GetValue<string>() == "Approvals")!.AsObject();
    }

    private async Task<long> GaugeAsync(string name)
    {
        var metrics = await _reviewer.Http.GetStringAsync("/metrics");
        var line = metrics.Split('\n').SingleOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal) || l.StartsWith(name + "{", StringComparison.Ordinal));
        line.ShouldNotBeNull($"{name} in /metrics:\n{metrics}");
        var value = line[(line.Contains('}') ? line.LastIndexOf('}') + 1 : name.Length)..].Trim().Split(' ')[0];
        return (long)double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
