using BlogModular.Approvals.Contracts;
using BlogModular.Approvals.Domain;
using BlogModular.Approvals.Features.Reviews;
using BlogModular.BuildingBlocks.Security;
using BlogModular.BuildingBlocks.UseCases;
using Microsoft.Extensions.Options;

namespace BlogModular.Approvals.Tests;

/// <summary>StartReview and DecideReview as pure functions of (command, request, clock): no host, no database.</summary>
public class ReviewUseCaseTests
{
    private static readonly DateTimeOffset Received = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Received.AddMinutes(5);
    private static readonly Actor Reviewer = new(Guid.CreateVersion7(), "Rita");
    private static readonly TimeProvider Clock = new FixedClock(Now);
    private static readonly IOptions<ReviewSettings> Settings = Options.Create(new ReviewSettings { RemindAfter = TimeSpan.FromHours(48) });

    private static ApprovalRequest ToDo() => ApprovalRequest.Receive(Submissions.Of(Guid.CreateVersion7()), Received);

    private static ApprovalRequest InProgress()
    {
        var request = ToDo();
        request.Start(Reviewer, Received.AddMinutes(1), Settings.Value.RemindAfter);
        return request;
    }

    [Fact]
    public void Starting_a_to_do_review_moves_it_in_progress_and_cascades_ReviewStarted()
    {
        var request = ToDo();

        var (result, started) = StartReviewHandler.Handle(new StartReview(request.Id, Reviewer), request, Clock, Settings);

        result.Succeeded.ShouldBeTrue();
        result.Value.Progress.ShouldBe(ReviewProgress.InProgress);
        started.ShouldBe(new ReviewStarted(request.PostId, 1, request.Id, Now));
    }

    [Fact]
    public void Starting_a_missing_review_is_not_found_and_cascades_nothing()
    {
        var (result, started) = StartReviewHandler.Handle(new StartReview(Guid.NewGuid(), Reviewer), null, Clock, Settings);

        result.Problem.ShouldBeOfType<UseCaseProblem.NotFound>();
        started.ShouldBeNull();
    }

    [Fact]
    public void Starting_a_review_already_in_progress_is_a_conflict_naming_its_progress()
    {
        var request = InProgress();

        var (result, started) = StartReviewHandler.Handle(new StartReview(request.Id, Reviewer), request, Clock, Settings);

        var conflict = result.Problem.ShouldBeOfType<UseCaseProblem.Conflict>();
        conflict.Detail.ShouldBe("Cannot start a review that is InProgress.");
        conflict.Extensions!["progress"].ShouldBe("InProgress");
        started.ShouldBeNull();
    }

    [Theory]
    [InlineData(ReviewOutcome.Approved, null)]
    [InlineData(ReviewOutcome.Rejected, "Off topic")]
    public void Deciding_an_in_progress_review_is_done_and_cascades_ReviewDecided(ReviewOutcome outcome, string? reason)
    {
        var request = InProgress();

        var (result, decided) = DecideReviewHandler.Handle(new DecideReview(request.Id, Reviewer, outcome, reason), request, Clock);

        result.Value.Progress.ShouldBe(ReviewProgress.Done);
        result.Value.Status.ShouldBe(outcome);
        decided.ShouldBe(new ReviewDecided(request.PostId, 1, request.Id, outcome, reason, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Rejected_decision_without_a_reason_is_invalid(string? reason)
    {
        var request = InProgress();

        var (result, decided) = DecideReviewHandler.Handle(new DecideReview(request.Id, Reviewer, ReviewOutcome.Rejected, reason), request, Clock);

        var invalid = result.Problem.ShouldBeOfType<UseCaseProblem.Invalid>();
        invalid.Errors.Keys.ShouldBe(["reason"]);
        invalid.ToMessage().ShouldBe("'reason' is required.");
        decided.ShouldBeNull();
        request.Progress.ShouldBe(ReviewProgress.InProgress);
    }

    [Fact]
    public void Decision_without_an_outcome_is_invalid()
    {
        DecideReviewHandler.Check(new DecideReview(Guid.NewGuid(), Reviewer, null, null))!.Errors.Keys.ShouldBe(["status"]);
        DecideReviewHandler.Check(new DecideReview(Guid.NewGuid(), Reviewer, (ReviewOutcome)42, null))!.Errors.Keys.ShouldBe(["status"]);
    }

    [Fact]
    public void Approval_with_a_reason_longer_than_the_limit_is_invalid()
    {
        var reason = new string('r', DecideReviewHandler.ReasonMax + 1);

        DecideReviewHandler.Check(new DecideReview(Guid.NewGuid(), Reviewer, ReviewOutcome.Approved, reason))!.Errors.Keys.ShouldBe(["reason"]);
    }

    [Fact]
    public void An_invalid_decision_is_invalid_even_for_a_missing_review()
    {
        var (result, _) = DecideReviewHandler.Handle(new DecideReview(Guid.NewGuid(), Reviewer, ReviewOutcome.Rejected, null), null, Clock);

        result.Problem.ShouldBeOfType<UseCaseProblem.Invalid>();
    }

    [Fact]
    public void Deciding_a_missing_review_is_not_found()
    {
        var (result, decided) = DecideReviewHandler.Handle(new DecideReview(Guid.NewGuid(), Reviewer, ReviewOutcome.Approved, null), null, Clock);

        result.Problem.ShouldBeOfType<UseCaseProblem.NotFound>().ToMessage().ShouldBe("This approval request does not exist.");
        decided.ShouldBeNull();
    }

    [Fact]
    public void Deciding_a_review_that_is_not_in_progress_is_a_conflict()
    {
        var toDo = ToDo();

        var (result, decided) = DecideReviewHandler.Handle(new DecideReview(toDo.Id, Reviewer, ReviewOutcome.Approved, null), toDo, Clock);

        var conflict = result.Problem.ShouldBeOfType<UseCaseProblem.Conflict>();
        conflict.Title.ShouldBe("The review is not in a state that allows this");
        conflict.Detail.ShouldBe("Cannot decide a review that is ToDo.");
        conflict.Extensions!["progress"].ShouldBe("ToDo");
        decided.ShouldBeNull();
        toDo.Progress.ShouldBe(ReviewProgress.ToDo);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
