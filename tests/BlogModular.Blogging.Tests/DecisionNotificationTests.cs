using BlogModular.Accounts.Contracts;
using BlogModular.Approvals.Contracts;
using BlogModular.Blogging.Features.Posts;
using BlogModular.Blogging.Features.Reviews;

namespace BlogModular.Blogging.Tests;

/// <summary>The e-mail request sent to the author when a decision is applied: no host, no database.</summary>
public class DecisionNotificationTests
{
    private static readonly Guid AuthorId = Guid.CreateVersion7();
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void An_approval_tells_the_author_the_post_is_published_and_links_to_it()
    {
        var decision = new ReviewDecided(Guid.CreateVersion7(), 1, Guid.CreateVersion7(), ReviewOutcome.Approved, null, Now);

        var notification = DecisionNotification.For(decision, AuthorId, "Kafka in practice");

        notification.UserId.ShouldBe(AuthorId);
        notification.Kind.ShouldBe(NotificationKind.ReviewDecision);
        notification.Subject.ShouldBe("Your post \"Kafka in practice\" was approved");
        notification.Text.ShouldContain("published");
        notification.LinkPath.ShouldBe(PostsPages.For(decision.PostId));
    }

    [Fact]
    public void A_rejection_carries_the_reviewers_reason()
    {
        var decision = new ReviewDecided(Guid.CreateVersion7(), 1, Guid.CreateVersion7(), ReviewOutcome.Rejected, "Needs sources", Now);

        var notification = DecisionNotification.For(decision, AuthorId, "Hot take");

        notification.Subject.ShouldBe("Your post \"Hot take\" was rejected");
        notification.Text.ShouldContain("Their reason: Needs sources");
        notification.LinkPath.ShouldBe(PostsPages.For(decision.PostId));
    }

    [Fact]
    public void A_rejection_without_a_reason_says_so_without_an_empty_reason()
    {
        var decision = new ReviewDecided(Guid.CreateVersion7(), 1, Guid.CreateVersion7(), ReviewOutcome.Rejected, "  ", Now);

        DecisionNotification.For(decision, AuthorId, "Hot take").Text.ShouldNotContain("reason");
    }

    [Fact]
    public void The_same_decision_is_the_same_notification_so_Accounts_can_recognise_a_repeat()
    {
        var decision = new ReviewDecided(Guid.CreateVersion7(), 1, Guid.CreateVersion7(), ReviewOutcome.Approved, null, Now);

        var first = DecisionNotification.For(decision, AuthorId, "Title");
        var again = DecisionNotification.For(decision, AuthorId, "Title");

        first.NotificationId.ShouldBe(decision.ApprovalId);
        again.ShouldBe(first);
    }

    [Fact]
    public void A_decision_on_an_edit_of_a_published_post_says_it_is_about_the_edit()
    {
        var approved = new ReviewDecided(Guid.CreateVersion7(), 2, Guid.CreateVersion7(), ReviewOutcome.Approved, null, Now);
        var rejected = approved with { Outcome = ReviewOutcome.Rejected, Reason = "Too long" };

        DecisionNotification.For(approved, AuthorId, "Kafka", ofEdit: true).Subject.ShouldBe("Your edit of \"Kafka\" was approved");
        var notification = DecisionNotification.For(rejected, AuthorId, "Kafka", ofEdit: true);
        notification.Subject.ShouldBe("Your edit of \"Kafka\" was rejected");
        notification.Text.ShouldContain("revision 2");
        notification.Text.ShouldContain("readers still see the published one");
        notification.Text.ShouldContain("Their reason: Too long");
    }
}
