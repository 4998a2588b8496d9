using BlogModular.Accounts.Contracts;
using BlogModular.Approvals.Contracts;
using BlogModular.Approvals.Domain;
using BlogModular.Approvals.Features.Reviews;
using BlogModular.BuildingBlocks.Security;
using BlogModular.BuildingBlocks.UseCases;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BlogModular.Approvals.Tests;

/// <summary>Assignment, takeover, reminders, overdue and the timeline, as pure functions: no host, no database.</summary>
public class AssignmentTests
{
    private static readonly DateTimeOffset Received = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Received.AddHours(1).AddTicks(1234);
    private static readonly Actor Rita = new(Guid.CreateVersion7(), "Rita");
    private static readonly Actor Tom = new(Guid.CreateVersion7(), "Tom");
    private static readonly TimeSpan RemindAfter = TimeSpan.FromHours(48);
    private static readonly IOptions<ReviewSettings> Settings = Options.Create(new ReviewSettings { RemindAfter = RemindAfter });

    private static ApprovalRequest ToDo() => ApprovalRequest.Receive(Submissions.Of(Guid.CreateVersion7()), Received);

    private static ApprovalRequest StartedBy(Actor reviewer)
    {
        var request = ToDo();
        request.Start(reviewer, Received.AddMinutes(1), RemindAfter);
        return request;
    }

    [Fact]
    public void Starting_assigns_the_review_to_the_reviewer_and_makes_their_reminder_due_after_the_configured_time()
    {
        var request = ToDo();

        var (result, _) = StartReviewHandler.Handle(new StartReview(request.Id, Rita), request, new FixedClock(Now), Settings);

        result.Value.Assignee.ShouldBe(Rita);
        request.AssigneeId.ShouldBe(Rita.Id);
        // Truncated to the microsecond, as PostgreSQL keeps it, so the reminder's id is the same when read back.
        request.AssignedAt.ShouldBe(Now.AddTicks(-4));
        request.RemindAt.ShouldBe(Now.AddTicks(-4) + RemindAfter);
    }

    [Fact]
    public void Only_the_assignee_can_decide_and_anyone_else_is_told_to_take_it_over()
    {
        var request = StartedBy(Rita);

        var (result, decided) = DecideReviewHandler.Handle(new DecideReview(request.Id, Tom, ReviewOutcome.Approved, null), request, new FixedClock(Now));

        var conflict = result.Problem.ShouldBeOfType<UseCaseProblem.Conflict>();
        conflict.Detail.ShouldBe("This review is assigned to Rita; take it over first.");
        conflict.Extensions!["progress"].ShouldBe("InProgress");
        decided.ShouldBeNull();
        request.Progress.ShouldBe(ReviewProgress.InProgress);
        Should.Throw<InvalidOperationException>(() => request.Decide(Tom, ReviewOutcome.Approved, null, Now));
    }

    [Fact]
    public void Taking_over_reassigns_the_review_and_makes_the_new_assignee_due_a_reminder()
    {
        var request = StartedBy(Rita);

        var result = TakeOverReviewHandler.Handle(new TakeOverReview(request.Id, Tom), request, new FixedClock(Now), Settings);

        result.Value.Assignee.ShouldBe(Tom);
        result.Value.Progress.ShouldBe(ReviewProgress.InProgress);
        request.RemindAt.ShouldBe(Now.AddTicks(-4) + RemindAfter);
        DecideReviewHandler.Handle(new DecideReview(request.Id, Rita, ReviewOutcome.Approved, null), request, new FixedClock(Now))
            .Item1.Problem.ShouldBeOfType<UseCaseProblem.Conflict>().Detail.ShouldBe("This review is assigned to Tom; take it over first.");
        DecideReviewHandler.Handle(new DecideReview(request.Id, Tom, ReviewOutcome.Approved, null), request, new FixedClock(Now))
            .Item1.Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Taking_over_ones_own_review_succeeds_and_changes_nothing()
    {
        var request = StartedBy(Rita);
        var steps = request.Timeline.Count;

        var remindAt = request.RemindAt;

        var result = TakeOverReviewHandler.Handle(new TakeOverReview(request.Id, Rita), request, new FixedClock(Now), Settings);

        result.Value.Assignee.ShouldBe(Rita);
        request.RemindAt.ShouldBe(remindAt);
        request.Timeline.Count.ShouldBe(steps);
        request.UpdatedAt.ShouldBe(Received.AddMinutes(1));
    }

    [Fact]
    public void A_review_to_do_or_done_cannot_be_taken_over_and_a_missing_one_is_not_found()
    {
        var toDo = ToDo();
        var done = StartedBy(Rita);
        done.Decide(Rita, ReviewOutcome.Approved, null, Now);
        var clock = new FixedClock(Now);

        TakeOverReviewHandler.Handle(new TakeOverReview(toDo.Id, Tom), toDo, clock, Settings).Problem
            .ShouldBeOfType<UseCaseProblem.Conflict>().Detail.ShouldBe("Cannot take over a review that is ToDo. Nobody has started it: start it instead.");
        TakeOverReviewHandler.Handle(new TakeOverReview(done.Id, Tom), done, clock, Settings).Problem
            .ShouldBeOfType<UseCaseProblem.Conflict>().Detail.ShouldBe("Cannot take over a review that is Done.");
        TakeOverReviewHandler.Handle(new TakeOverReview(Guid.NewGuid(), Tom), null, clock, Settings).Problem
            .ShouldBeOfType<UseCaseProblem.NotFound>();
        toDo.AssigneeId.ShouldBeNull();
        done.AssigneeId.ShouldBe(Rita.Id);
    }

    [Fact]
    public void The_timeline_lists_every_step_in_order()
    {
        var request = ToDo();
        request.Start(Rita, Received.AddMinutes(1), RemindAfter);
        request.Remind(Received.AddHours(48)).ShouldBeTrue();
        request.TakeOver(Tom, Received.AddHours(49), RemindAfter);
        request.Decide(Tom, ReviewOutcome.Rejected, "Needs sources", Received.AddHours(50));

        var timeline = Features.Requests.ApprovalResponse.From(request).Timeline;

        timeline.Select(s => s.Text).ShouldBe(
            ["Requested", "Started by Rita", "Reminder sent to Rita", "Taken over by Tom from Rita", "Rejected by Tom"]);
        timeline.Select(s => s.At).ShouldBeInOrder();
        timeline[3].PreviousReviewer.ShouldBe(Rita);
        timeline[4].Outcome.ShouldBe(ReviewOutcome.Rejected);
    }

    [Fact]
    public void A_due_reminder_emails_the_assignee_once_and_records_it()
    {
        var request = StartedBy(Rita);
        var later = Received.AddHours(48);

        var notification = RemindReviewersHandler.Reminder(request, later);
        var again = RemindReviewersHandler.Reminder(request, later);

        notification.ShouldNotBeNull();
        notification.UserId.ShouldBe(Rita.Id);
        notification.Kind.ShouldBe(NotificationKind.ReviewReminder);
        notification.LinkPath.ShouldBe(ReviewPages.Board);
        notification.NotificationId.ShouldBe(RemindReviewersHandler.NotificationId(request.Id, Rita.Id, request.AssignedAt!.Value));
        again.ShouldBeNull();
        request.RemindAt.ShouldBeNull();
        request.Timeline.Count(s => s.Kind == ReviewStepKind.ReminderSent).ShouldBe(1);
    }

    [Fact]
    public void The_reminder_id_is_the_same_for_the_same_assignment_and_differs_for_another()
    {
        var approval = Guid.CreateVersion7();
        var id = RemindReviewersHandler.NotificationId(approval, Rita.Id, Received);

        RemindReviewersHandler.NotificationId(approval, Rita.Id, Received).ShouldBe(id);
        RemindReviewersHandler.NotificationId(approval, Rita.Id, Received.AddSeconds(1)).ShouldNotBe(id);
        RemindReviewersHandler.NotificationId(approval, Tom.Id, Received).ShouldNotBe(id);
    }

    [Fact]
    public void A_takeover_makes_the_new_assignee_due_a_reminder_and_a_decision_or_a_newer_revision_cancels_it()
    {
        var takenOver = StartedBy(Rita);
        takenOver.TakeOver(Tom, Received.AddHours(1), RemindAfter);
        var decided = StartedBy(Rita);
        decided.Decide(Rita, ReviewOutcome.Approved, null, Received.AddHours(1));
        var superseded = StartedBy(Rita);
        superseded.Supersede(Received.AddHours(1));

        takenOver.RemindAt.ShouldBe(takenOver.AssignedAt + RemindAfter);
        RemindReviewersHandler.Reminder(takenOver, Received.AddHours(49))!.UserId.ShouldBe(Tom.Id);
        decided.RemindAt.ShouldBeNull();
        superseded.RemindAt.ShouldBeNull();
        RemindReviewersHandler.Reminder(decided, Received.AddHours(48)).ShouldBeNull();
        RemindReviewersHandler.Reminder(superseded, Received.AddHours(48)).ShouldBeNull();
        decided.Timeline.ShouldNotContain(s => s.Kind == ReviewStepKind.ReminderSent);
    }

    [Fact]
    public void A_newer_revision_closes_an_open_request_once_with_a_step_on_its_timeline_and_leaves_a_decided_one_as_it_was()
    {
        var open = StartedBy(Rita);
        var decided = StartedBy(Rita);
        decided.Decide(Rita, ReviewOutcome.Approved, null, Received.AddHours(1));

        open.Supersede(Received.AddHours(2)).ShouldBeTrue();
        open.Supersede(Received.AddHours(3)).ShouldBeFalse();
        decided.Supersede(Received.AddHours(2)).ShouldBeFalse();

        open.Progress.ShouldBe(ReviewProgress.Superseded);
        open.Timeline.Select(s => s.Kind).ShouldBe([ReviewStepKind.Requested, ReviewStepKind.Started, ReviewStepKind.Superseded]);
        open.Timeline[^1].At.ShouldBe(Received.AddHours(2));
        decided.Progress.ShouldBe(ReviewProgress.Done);
        decided.Timeline[^1].Kind.ShouldBe(ReviewStepKind.Decided);
    }

    [Fact]
    public void A_request_is_overdue_only_while_to_do_and_older_than_the_limit()
    {
        var overdueAfter = TimeSpan.FromHours(24);
        var request = ToDo();

        request.IsOverdue(Received.AddHours(24), overdueAfter).ShouldBeFalse();
        request.IsOverdue(Received.AddHours(24).AddTicks(1), overdueAfter).ShouldBeTrue();
        request.Start(Rita, Received.AddHours(30), RemindAfter);
        request.IsOverdue(Received.AddHours(30), overdueAfter).ShouldBeFalse();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
