using BlogModular.Approvals.Contracts;
using BlogModular.Blogging.Domain;
using BlogModular.Blogging.Features.Posts;

namespace BlogModular.Blogging.Tests;

/// <summary>Review events about one post may arrive in any order; the post ends the same and its timeline keeps the order of the acts.</summary>
public class OutOfOrderReviewEventsTests
{
    private static readonly DateTimeOffset Submitted = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly Category General = Category.Create("General", Submitted);

    private static Post NewPost() => Post.Submit(Guid.CreateVersion7(), "Ann", Text("Title"), Submitted, TimeSpan.FromMinutes(5));

    private static readonly Guid[] Requests = [Guid.CreateVersion7(), Guid.CreateVersion7()];

    private static Guid RequestOf(int revision) => Requests[revision - 1];

    private static PostText Text(string title) => PostText.Of(title, null, General, "Content", new RenderedContent("<p>Content</p>", "Content"));

    // The acts of one post in the order they happened: requested, started and rejected on revision 1, edited,
    // requested, started and approved on revision 2.
    private static readonly (string Act, int Revision, DateTimeOffset At)[] Acts =
    [
        ("requested", 1, Submitted.AddSeconds(1)),
        ("started", 1, Submitted.AddSeconds(2)),
        ("rejected", 1, Submitted.AddSeconds(3)),
        ("edited", 2, Submitted.AddSeconds(4)),
        ("requested", 2, Submitted.AddSeconds(5)),
        ("started", 2, Submitted.AddSeconds(6)),
        ("approved", 2, Submitted.AddSeconds(7)),
    ];

    private static readonly TimelineEntry[] ExpectedTimeline =
    [
        new(TimelineStep.Submitted, Submitted),
        new(TimelineStep.ReceivedForReview, Submitted.AddSeconds(1)),
        new(TimelineStep.InReview, Submitted.AddSeconds(2)),
        new(TimelineStep.Rejected, Submitted.AddSeconds(3), "Not yet"),
        new(TimelineStep.Revised, Submitted.AddSeconds(4), Revision: 2),
        new(TimelineStep.ReceivedForReview, Submitted.AddSeconds(5), Revision: 2),
        new(TimelineStep.InReview, Submitted.AddSeconds(6), Revision: 2),
        new(TimelineStep.Approved, Submitted.AddSeconds(7), Revision: 2),
    ];

    [Theory]
    [InlineData(new[] { 0, 1, 2, 3, 4, 5, 6 })] // as they happened
    [InlineData(new[] { 2, 1, 0, 3, 6, 5, 4 })] // each revision's events backwards
    [InlineData(new[] { 2, 0, 3, 6, 1, 4, 5 })] // revision 1's start and request only after revision 2's decision
    [InlineData(new[] { 0, 0, 2, 1, 2, 3, 5, 6, 4, 6, 5 })] // redelivered too
    public void The_final_post_and_its_timeline_do_not_depend_on_the_order_review_events_arrive_in(int[] order)
    {
        var post = NewPost();
        foreach (var index in order)
        {
            var (act, revision, at) = Acts[index];
            switch (act)
            {
                case "requested": post.Acknowledge(revision, RequestOf(revision), at); break;
                case "started": post.MarkInReview(revision, at); break;
                case "rejected": post.ApplyDecision(revision, ReviewOutcome.Rejected, "Not yet", at); break;
                case "approved": post.ApplyDecision(revision, ReviewOutcome.Approved, null, at); break;
                // The author edits once the rejection has reached Blogging (every order here delivers it before).
                case "edited":
                    post.Status.ShouldBe(PostStatus.Rejected);
                    post.Revise(Text("Edited"), at, TimeSpan.FromMinutes(5)).ShouldBeNull();
                    break;
            }
        }

        post.Status.ShouldBe(PostStatus.Published);
        post.Title.ShouldBe("Edited");
        post.Revision.ShouldBe(2);
        post.Timeline.ShouldBe(ExpectedTimeline);
    }

    [Fact]
    public void A_start_that_arrives_after_its_decision_does_not_make_the_post_in_review_again()
    {
        var post = NewPost();
        post.ApplyDecision(1, ReviewOutcome.Rejected, "No", Submitted.AddSeconds(3)).ShouldBeTrue();

        post.MarkInReview(1, Submitted.AddSeconds(2)).ShouldBeTrue();

        post.IsInReview.ShouldBeFalse();
        post.Revise(Text("Edited"), Submitted.AddSeconds(4), TimeSpan.FromMinutes(5)).ShouldBeNull();
    }

    [Fact]
    public void Events_for_a_revision_the_post_never_had_change_nothing()
    {
        var post = NewPost();

        post.Acknowledge(2, Guid.CreateVersion7(), Submitted.AddSeconds(1)).ShouldBeFalse();
        post.MarkInReview(2, Submitted.AddSeconds(2)).ShouldBeFalse();

        post.Timeline.ShouldBe([new TimelineEntry(TimelineStep.Submitted, Submitted)]);
        post.AcknowledgedAt.ShouldBeNull();
    }
}
