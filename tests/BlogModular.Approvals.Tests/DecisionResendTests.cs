using BlogModular.Approvals.Contracts;
using BlogModular.Approvals.Domain;
using BlogModular.Approvals.Features.Reviews;
using BlogModular.BuildingBlocks.Security;

namespace BlogModular.Approvals.Tests;

public class DecisionResendTests
{
    private static readonly DateTimeOffset Received = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly Actor Rita = new(Guid.CreateVersion7(), "Rita");

    private static (ApprovalRequest Request, ReviewDecided Decided) Decided(ReviewOutcome outcome = ReviewOutcome.Rejected, string? reason = "Off topic")
    {
        var request = ApprovalRequest.Receive(Submissions.Of(Guid.CreateVersion7()), Received);
        request.Start(Rita, Received.AddMinutes(1), TimeSpan.FromHours(48));
        return (request, request.Decide(Rita, outcome, reason, Received.AddMinutes(2)));
    }

    [Fact]
    public void A_decision_waits_for_Blogging_s_acknowledgement_from_the_moment_it_is_sent()
    {
        var (request, _) = Decided();

        request.DecisionSentAt.ShouldBe(Received.AddMinutes(2));
        request.DecisionAcknowledgedAt.ShouldBeNull();
        request.DecisionResends.ShouldBe(0);
    }

    [Fact]
    public void A_request_not_decided_yet_has_no_decision_to_send()
    {
        var request = ApprovalRequest.Receive(Submissions.Of(Guid.CreateVersion7()), Received);

        request.Decision.ShouldBeNull();
        request.DecisionSentAt.ShouldBeNull();
        request.ResendDecision(Received.AddHours(1), maxResends: 10).ShouldBeFalse();
    }

    [Fact]
    public void A_decision_sent_again_is_the_decision_as_first_sent()
    {
        var (request, decided) = Decided();

        request.ResendDecision(Received.AddMinutes(10), maxResends: 10).ShouldBeTrue();

        request.Decision.ShouldBe(decided);
        request.DecisionResends.ShouldBe(1);
        request.DecisionSentAt.ShouldBe(Received.AddMinutes(10));
    }

    [Fact]
    public void An_acknowledged_decision_is_no_longer_due_and_not_sent_again()
    {
        var (request, _) = Decided();

        request.AcknowledgeDecision(Received.AddMinutes(3)).ShouldBeTrue();
        request.AcknowledgeDecision(Received.AddMinutes(4)).ShouldBeFalse();

        request.DecisionAcknowledgedAt.ShouldBe(Received.AddMinutes(3));
        request.DecisionSentAt.ShouldBeNull();
        request.ResendDecision(Received.AddHours(1), maxResends: 10).ShouldBeFalse();
    }

    [Fact]
    public void Sending_again_stops_after_the_maximum_and_the_decision_is_no_longer_due()
    {
        var (request, _) = Decided();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            request.ResendDecision(Received.AddMinutes(10 * attempt), maxResends: 3).ShouldBeTrue();
        }

        request.ResendDecision(Received.AddHours(1), maxResends: 3).ShouldBeFalse();

        request.DecisionResends.ShouldBe(3);
        request.DecisionSentAt.ShouldBeNull();
    }

    [Fact]
    public void A_request_for_a_post_Blogging_does_not_know_is_orphaned_once_and_nothing_is_sent_again()
    {
        var (request, _) = Decided();

        request.Orphan(Received.AddMinutes(3)).ShouldBeTrue();
        request.Orphan(Received.AddMinutes(4)).ShouldBeFalse();

        request.OrphanedAt.ShouldBe(Received.AddMinutes(3));
        request.DecisionSentAt.ShouldBeNull();
        request.ResendDecision(Received.AddHours(1), maxResends: 10).ShouldBeFalse();
    }

    [Theory]
    [InlineData(1, 5)]     // the first re-send waits After
    [InlineData(2, 10)]    // then twice as long each time
    [InlineData(3, 20)]
    [InlineData(5, 60)]    // up to MaxDelay
    [InlineData(40, 60)]
    public void The_wait_before_each_re_send_doubles_up_to_the_maximum(int attempt, int minutes) =>
        new DecisionResendSettings { After = TimeSpan.FromMinutes(5), MaxDelay = TimeSpan.FromHours(1) }.DelayAfter(attempt)
            .ShouldBe(TimeSpan.FromMinutes(minutes));
}
