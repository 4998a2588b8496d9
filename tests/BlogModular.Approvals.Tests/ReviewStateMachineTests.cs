using BlogModular.Approvals.Contracts;
using BlogModular.Approvals.Domain;
using BlogModular.BuildingBlocks.Security;

namespace BlogModular.Approvals.Tests;

public class ReviewStateMachineTests
{
    private static readonly TimeSpan RemindAfter = TimeSpan.FromHours(48);

    private static readonly DateTimeOffset Received = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly Guid PostId = Guid.CreateVersion7();
    private static readonly Actor Rita = new(Guid.CreateVersion7(), "Rita");

    private static ApprovalRequest NewRequest() => ApprovalRequest.Receive(Submissions.Of(PostId), Received);

    [Fact]
    public void A_received_request_is_to_do_without_an_outcome()
    {
        var request = NewRequest();

        request.Progress.ShouldBe(ReviewProgress.ToDo);
        request.Outcome.ShouldBeNull();
        request.PostId.ShouldBe(PostId);
        request.RequestedAt.ShouldBe(Received);
        request.UpdatedAt.ShouldBe(Received);
        request.CanStart.ShouldBeTrue();
        request.CanDecide.ShouldBeFalse();
    }

    [Fact]
    public void Starting_moves_to_do_to_in_progress()
    {
        var request = NewRequest();
        var started = Received.AddMinutes(1);

        request.Start(Rita, started, RemindAfter);

        request.Progress.ShouldBe(ReviewProgress.InProgress);
        request.UpdatedAt.ShouldBe(started);
        request.CanStart.ShouldBeFalse();
        request.CanDecide.ShouldBeTrue();
    }

    [Theory]
    [InlineData(ReviewOutcome.Approved, null)]
    [InlineData(ReviewOutcome.Rejected, "Off topic")]
    public void Deciding_an_in_progress_review_is_done_and_emits_the_decision(ReviewOutcome outcome, string? reason)
    {
        var request = NewRequest();
        request.Start(Rita, Received.AddMinutes(1), RemindAfter);
        var decidedAt = Received.AddMinutes(2);

        var decided = request.Decide(Rita, outcome, reason, decidedAt);

        request.Progress.ShouldBe(ReviewProgress.Done);
        request.Outcome.ShouldBe(outcome);
        request.Reason.ShouldBe(reason);
        decided.ShouldBe(new ReviewDecided(PostId, 1, request.Id, outcome, reason, decidedAt));
        request.CanStart.ShouldBeFalse();
        request.CanDecide.ShouldBeFalse();
    }

    [Fact]
    public void A_reason_is_trimmed_and_a_blank_one_is_dropped()
    {
        var trimmed = NewRequest();
        trimmed.Start(Rita, Received, RemindAfter);
        trimmed.Decide(Rita, ReviewOutcome.Rejected, "  Too short  ", Received).Reason.ShouldBe("Too short");

        var blank = NewRequest();
        blank.Start(Rita, Received, RemindAfter);
        blank.Decide(Rita, ReviewOutcome.Approved, "   ", Received).Reason.ShouldBeNull();
    }

    [Fact]
    public void A_to_do_review_cannot_be_decided()
    {
        var request = NewRequest();

        Should.Throw<InvalidOperationException>(() => request.Decide(Rita, ReviewOutcome.Approved, null, Received));
        request.Progress.ShouldBe(ReviewProgress.ToDo);
        request.Outcome.ShouldBeNull();
    }

    [Fact]
    public void An_in_progress_review_cannot_be_started_again()
    {
        var request = NewRequest();
        request.Start(Rita, Received, RemindAfter);

        Should.Throw<InvalidOperationException>(() => request.Start(Rita, Received.AddMinutes(1), RemindAfter));
        request.UpdatedAt.ShouldBe(Received);
    }

    [Fact]
    public void A_done_review_can_be_neither_restarted_nor_decided_again()
    {
        var request = NewRequest();
        request.Start(Rita, Received, RemindAfter);
        request.Decide(Rita, ReviewOutcome.Approved, null, Received);

        Should.Throw<InvalidOperationException>(() => request.Start(Rita, Received, RemindAfter));
        Should.Throw<InvalidOperationException>(() => request.Decide(Rita, ReviewOutcome.Rejected, "changed my mind", Received));
        request.Outcome.ShouldBe(ReviewOutcome.Approved);
    }

    [Fact]
    public void An_undefined_outcome_is_refused_and_changes_nothing()
    {
        var request = NewRequest();
        request.Start(Rita, Received, RemindAfter);

        Should.Throw<ArgumentOutOfRangeException>(() => request.Decide(Rita, (ReviewOutcome)42, null, Received));
        request.Progress.ShouldBe(ReviewProgress.InProgress);
    }
}
