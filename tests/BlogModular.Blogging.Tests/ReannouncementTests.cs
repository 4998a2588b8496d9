using BlogModular.Approvals.Contracts;
using BlogModular.Blogging.Domain;
using BlogModular.Blogging.Features.Posts;

namespace BlogModular.Blogging.Tests;

public class ReannouncementTests
{
    private static readonly DateTimeOffset Submitted = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly TimeSpan After = TimeSpan.FromMinutes(5);

    private static Post NewPost() => Post.Submit(
        Guid.CreateVersion7(), "Ann",
        PostText.Of("Title", null, Category.Create("General", Submitted), "Content", new RenderedContent("<p>Content</p>", "Content")), Submitted, After);

    [Fact]
    public void A_new_submission_is_due_for_re_announcement_after_the_configured_time()
    {
        var post = NewPost();

        post.ReannounceAt.ShouldBe(Submitted + After);
        post.Reannouncements.ShouldBe(0);
    }

    [Fact]
    public void An_acknowledged_submission_is_no_longer_due_and_is_not_announced_again()
    {
        var post = NewPost();

        post.Acknowledge(1, Guid.CreateVersion7(), Submitted.AddSeconds(1));

        post.ReannounceAt.ShouldBeNull();
        post.Reannounce(Submitted + After, After, maxReannouncements: 10).ShouldBeFalse();
        post.Reannouncements.ShouldBe(0);
    }

    [Fact]
    public void An_unacknowledged_submission_is_reannounced_and_due_again_after_the_configured_time()
    {
        var post = NewPost();
        var now = Submitted + After;

        post.Reannounce(now, After, maxReannouncements: 10).ShouldBeTrue();

        post.Reannouncements.ShouldBe(1);
        post.ReannounceAt.ShouldBe(now + After);
    }

    [Fact]
    public void Re_announcements_stop_after_the_maximum_and_the_post_is_no_longer_due()
    {
        var post = NewPost();
        var now = Submitted;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            now += After;
            post.Reannounce(now, After, maxReannouncements: 3).ShouldBeTrue();
        }

        post.Reannounce(now + After, After, maxReannouncements: 3).ShouldBeFalse();

        post.Reannouncements.ShouldBe(3);
        post.ReannounceAt.ShouldBeNull();
    }

    [Fact]
    public void A_decided_submission_is_no_longer_due_and_is_not_announced_again()
    {
        var post = NewPost();
        post.ApplyDecision(1, ReviewOutcome.Approved, reason: null, Submitted.AddMinutes(1));
        post.ReannounceAt.ShouldBeNull();

        post.Reannounce(Submitted + After, After, maxReannouncements: 10).ShouldBeFalse();

        post.ReannounceAt.ShouldBeNull();
    }

    [Theory]
    [InlineData(3, 1)]      // tests: 3 s → every second (the floor)
    [InlineData(20, 5)]     // a quarter of After
    [InlineData(300, 60)]   // the default 5 min → every minute (the ceiling)
    [InlineData(3600, 60)]
    public void The_sweep_runs_a_quarter_of_the_re_announcement_time_between_a_second_and_a_minute(int afterSeconds, int everySeconds) =>
        new ReannouncementSettings { After = TimeSpan.FromSeconds(afterSeconds) }.SweepEvery.ShouldBe(TimeSpan.FromSeconds(everySeconds));
}
