using BlogModular.Blogging.Domain;
using BlogModular.Testing;

namespace BlogModular.EndToEnd.Tests;

[Collection(HostGroup.Name)]
public sealed class ReviewTimelineTests(AppFixture app) : IAsyncLifetime
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
    public async Task The_author_sees_every_review_step_in_order()
    {
        var post = await _author.CreatePostAsync(title: "Timeline");
        var request = await _reviewer.WaitForApprovalRequestAsync(post.Id);
        await _author.WaitForPostAsync(post.Id, p => p.Timeline!.Any(e => e.Step == TimelineStep.ReceivedForReview));
        await _reviewer.StartAsync(request.Id);
        await _author.WaitForPostAsync(post.Id, p => p.Timeline!.Any(e => e.Step == TimelineStep.InReview));
        await _reviewer.DecideAsync(request.Id, "Rejected", "Needs a conclusion");

        var decided = await _author.WaitForPostAsync(post.Id, p => p.Timeline!.Any(e => e.Step == TimelineStep.Rejected));

        decided.Timeline!.Select(e => e.Step).ShouldBe([TimelineStep.Submitted, TimelineStep.ReceivedForReview, TimelineStep.InReview, TimelineStep.Rejected]);
        decided.Timeline!.Select(e => e.At).ShouldBeInOrder();
        decided.Timeline![^1].Reason.ShouldBe("Needs a conclusion");
    }

    [Fact]
    public async Task The_public_feed_does_not_show_timelines()
    {
        var anonymous = new Api(app.Host.Server.CreateClient());

        (await anonymous.FeedAsync()).Items.ShouldAllBe(p => p.Timeline == null);
    }

    [Fact]
    public async Task A_submission_lost_on_the_way_is_reannounced_and_still_reaches_review()
    {
        app.Broker.ShouldNotBeNull("needs the embedded broker (unset BLOGMODULAR_TEST_KAFKA)");
        app.Broker.SetDown();
        Guid postId;
        try
        {
            postId = (await _author.CreatePostAsync(title: "Lost on the way")).Id;
            // The event never leaves: its envelope is deleted from the outbox, as a broker losing it would.
            await Eventually.HoldsAsync(async () => await app.ScalarAsync<long>(
                "select count(*) from wolverine.wolverine_outgoing_envelopes where message_type = 'blogging.post-submitted.V2'") > 0,
                TimeSpan.FromSeconds(10), "the event in the outbox");
            await app.ExecuteAsync("delete from wolverine.wolverine_outgoing_envelopes where message_type = 'blogging.post-submitted.V2'");
        }
        finally
        {
            app.Broker.SetUp();
        }

        var request = await _reviewer.WaitForApprovalRequestAsync(postId, TimeSpan.FromSeconds(60));

        request.Title.ShouldBe("Lost on the way");
        await _author.WaitForPostAsync(postId, p => p.Timeline!.Any(e => e.Step == TimelineStep.ReceivedForReview));
    }
}
