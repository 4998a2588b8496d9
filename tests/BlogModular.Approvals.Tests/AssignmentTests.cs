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
        request.Start(reviewer, Received.AddMinutes(1));
        return request;
    }

    [Fact]
    public void Starting_assigns_the_review_to_the_reviewer_and_schedules_their_reminder()
    {
        var request = ToDo();

        var (result, _, reminder) = StartReviewHandler.Handle(new StartReview(request.Id, Rita), request, new FixedClock(Now), Settings);

        result.Value.Assignee.ShouldBe(Rita);
        request.AssigneeId.ShouldBe(Rita.Id);
        // Truncated to the microsecond, as PostgreSQL keeps it, so the reminder finds the same time when it fires.
        request.AssignedAt.ShouldBe(Now.AddTicks(-4));
        reminder.ShouldNotBeNull();
        reminder.Message.ShouldBe(new RemindReviewer(request.Id, Rita.Id, Now.AddTicks(-4)));
        reminder.Options!.ScheduleDelay.ShouldBe(RemindAfter);
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
    public void Taking_over_reassigns_the_review_and_schedules_a_reminder_for_the_new_assignee()
    {
        var request = StartedBy(Rita);

        var (result, reminder) = TakeOverReviewHandler.Handle(new TakeOverReview(request.Id, Tom), request, new FixedClock(Now), Settings);

        result.Value.Assignee.ShouldBe(Tom);
        result.Value.Progress.ShouldBe(ReviewProgress.InProgress);
        reminder.ShouldNotBeNull().Message.AssigneeId.ShouldBe(Tom.Id);
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

        var (result, reminder) = TakeOverReviewHandler.Handle(new TakeOverReview(request.Id, Rita), request, new FixedClock(Now), Settings);

        result.Value.Assignee.ShouldBe(Rita);
        reminder.ShouldBeNull();
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

        TakeOverReviewHandler.Handle(new TakeOverReview(toDo.Id, Tom), toDo, clock, Settings).Item1.Problem
            .ShouldBeOfType<UseCaseProblem.Conflict>().Detail.ShouldBe("Cannot take over a review that is ToDo. Nobody has started it: start it instead.");
        TakeOverReviewHandler.Handle(new TakeOverReview(done.Id, Tom), done, clock, Settings).Item1.Problem
            .ShouldBeOfType<UseCaseProblem.Conflict>().Detail.ShouldBe("Cannot take over a review that is Done.");
        TakeOverReviewHandler.Handle(new TakeOverReview(Guid.NewGuid(), Tom), null, clock, Settings).Item1.Problem
            .ShouldBeOfType<UseCaseProblem.NotFound>();
        toDo.AssigneeId.ShouldBeNull();
        done.AssigneeId.ShouldBe(Rita.Id);
    }

    [Fact]
    public void The_timeline_lists_every_step_in_order()
    {
        var request = ToDo();
        request.Start(Rita, Received.AddMinutes(1));
        request.Remind(Rita.Id, request.AssignedAt!.Value, Received.AddHours(48)).ShouldBeTrue();
        request.TakeOver(Tom, Received.AddHours(49));
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
        var reminder = new RemindReviewer(request.Id, Rita.Id, request.AssignedAt!.Value);
        var later = new FixedClock(Received.AddHours(48));

        var notification = RemindReviewerHandler.Handle(reminder, request, later, NullLogger.Instance);
        var again = RemindReviewerHandler.Handle(reminder, request, later, NullLogger.Instance);

        notification.ShouldNotBeNull();
        notification.UserId.ShouldBe(Rita.Id);
        notification.Kind.ShouldBe(NotificationKind.ReviewReminder);
        notification.LinkPath.ShouldBe(ReviewPages.Board);
        notification.NotificationId.ShouldBe(RemindReviewerHandler.NotificationId(reminder));
        again.ShouldBeNull();
        request.Timeline.Count(s => s.Kind == ReviewStepKind.ReminderSent).ShouldBe(1);
    }

    [Fact]
    public void The_reminder_id_is_the_same_for_the_same_assignment_and_differs_for_another()
    {
        var approval = Guid.CreateVersion7();
        var reminder = new RemindReviewer(approval, Rita.Id, Received);

        RemindReviewerHandler.NotificationId(reminder).ShouldBe(RemindReviewerHandler.NotificationId(reminder with { }));
        RemindReviewerHandler.NotificationId(reminder).ShouldNotBe(RemindReviewerHandler.NotificationId(reminder with { AssignedAt = Received.AddSeconds(1) }));
        RemindReviewerHandler.NotificationId(reminder).ShouldNotBe(RemindReviewerHandler.NotificationId(reminder with { AssigneeId = Tom.Id }));
    }

    [Fact]
    public void A_reminder_does_nothing_once_the_review_was_taken_over_or_decided()
    {
        var takenOver = StartedBy(Rita);
        var ritasReminder = new RemindReviewer(takenOver.Id, Rita.Id, takenOver.AssignedAt!.Value);
        takenOver.TakeOver(Tom, Received.AddHours(1));
        var decided = StartedBy(Rita);
        var decidedReminder = new RemindReviewer(decided.Id, Rita.Id, decided.AssignedAt!.Value);
        decided.Decide(Rita, ReviewOutcome.Approved, null, Received.AddHours(1));
        var later = new FixedClock(Received.AddHours(48));

        RemindReviewerHandler.Handle(ritasReminder, takenOver, later, NullLogger.Instance).ShouldBeNull();
        RemindReviewerHandler.Handle(decidedReminder, decided, later, NullLogger.Instance).ShouldBeNull();
        RemindReviewerHandler.Handle(decidedReminder, null, later, NullLogger.Instance).ShouldBeNull();
        takenOver.Timeline.ShouldNotContain(s => s.Kind == ReviewStepKind.ReminderSent);
    }

    [Fact]
    public void A_request_is_overdue_only_while_to_do_and_older_than_the_limit()
    {
        var overdueAfter = TimeSpan.FromHours(24);
        var request = ToDo();

        request.IsOverdue(Received.AddHours(24), overdueAfter).ShouldBeFalse();
        request.IsOverdue(Received.AddHours(24).AddTicks(1), overdueAfter).ShouldBeTrue();
        request.Start(Rita, Received.AddHours(30));
        request.IsOverdue(Received.AddHours(30), overdueAfter).ShouldBeFalse();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
