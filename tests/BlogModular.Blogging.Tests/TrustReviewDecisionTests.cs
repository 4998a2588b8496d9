using BlogModular.Approvals.Contracts;
using BlogModular.Blogging.Domain;
using BlogModular.Blogging.Features.Posts;
using BlogModular.Blogging.Features.Reviews;

namespace BlogModular.Blogging.Tests;

/// <summary>Which decisions Blogging applies: only one naming the request Approvals acknowledged, and not from the future.</summary>
public class TrustReviewDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);
    private static readonly Guid RequestId = Guid.CreateVersion7();

    private static Post NewPost(bool acknowledged = true)
    {
        var post = Post.Submit(
            Guid.CreateVersion7(), "Ann",
            PostText.Of("Title", null, Category.Create("General", Now), "Content", new RenderedContent("<p>Content</p>", "Content")),
            Now.AddMinutes(-10), TimeSpan.FromMinutes(5));
        if (acknowledged)
        {
            post.Acknowledge(1, RequestId, Now.AddMinutes(-9));
        }

        return post;
    }

    private static ReviewDecided Decision(Post post, Guid? approvalId = null, int revision = 1, DateTimeOffset? decidedAt = null) =>
        new(post.Id, revision, approvalId ?? RequestId, ReviewOutcome.Approved, null, decidedAt ?? Now);

    [Fact]
    public void A_decision_naming_the_acknowledged_request_is_trusted()
    {
        var post = NewPost();

        TrustReviewDecision.Check(post, Decision(post), Now, Skew).ShouldBe(DecisionTrust.Trusted);
        post.ReviewRequestId.ShouldBe(RequestId);
    }

    [Fact]
    public void A_decision_naming_another_request_is_refused_and_says_which_request_is_known()
    {
        var post = NewPost();
        var forged = Guid.CreateVersion7();

        var trust = TrustReviewDecision.Check(post, Decision(post, approvalId: forged), Now, Skew);

        trust.IsTrusted.ShouldBeFalse();
        trust.IsKnown.ShouldBeTrue();
        trust.Reason.ShouldBe($"it names request {forged}, but Approvals acknowledged revision 1 as request {RequestId}");
    }

    [Fact]
    public void A_decision_dated_beyond_the_clock_skew_is_refused_and_one_within_it_is_trusted()
    {
        var post = NewPost();

        var future = TrustReviewDecision.Check(post, Decision(post, decidedAt: Now + Skew + TimeSpan.FromSeconds(1)), Now, Skew);
        future.IsTrusted.ShouldBeFalse();
        future.IsKnown.ShouldBeTrue();
        future.Reason!.ShouldContain("more than 00:05:00 after this process's clock");

        TrustReviewDecision.Check(post, Decision(post, decidedAt: Now + Skew), Now, Skew).ShouldBe(DecisionTrust.Trusted);
    }

    [Fact]
    public void A_decision_on_a_revision_the_post_does_not_have_is_refused()
    {
        var post = NewPost();

        var trust = TrustReviewDecision.Check(post, Decision(post, revision: 2), Now, Skew);

        trust.IsTrusted.ShouldBeFalse();
        trust.Reason.ShouldBe("it names revision 2; the post's latest is 1");
    }

    [Fact]
    public void A_decision_before_the_acknowledgement_is_not_yet_known()
    {
        var post = NewPost(acknowledged: false);

        TrustReviewDecision.Check(post, Decision(post), Now, Skew).ShouldBe(DecisionTrust.NotYetKnown);
    }

    [Fact]
    public void A_decision_on_an_older_revision_or_an_applied_one_is_left_to_the_handler_which_changes_nothing()
    {
        var post = NewPost();
        post.Revise(PostText.Of("Second", null, Category.Create("General", Now), "More", new RenderedContent("<p>More</p>", "More")), Now, TimeSpan.FromMinutes(5));
        post.ReviewRequestId.ShouldBeNull("a new revision waits for its own request");

        TrustReviewDecision.Check(post, Decision(post, approvalId: Guid.CreateVersion7(), revision: 1), Now, Skew).ShouldBe(DecisionTrust.Trusted);
        post.ApplyDecision(1, ReviewOutcome.Approved, null, Now).ShouldBeFalse();
    }

    [Fact]
    public void A_second_acknowledgement_naming_another_request_does_not_replace_the_first()
    {
        var post = NewPost();

        post.Acknowledge(1, Guid.CreateVersion7(), Now).ShouldBeFalse();

        post.ReviewRequestId.ShouldBe(RequestId);
    }
}
