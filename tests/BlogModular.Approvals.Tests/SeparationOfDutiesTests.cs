using BlogModular.Approvals.Contracts;
using BlogModular.Approvals.Domain;
using BlogModular.Approvals.Features.Requests;
using BlogModular.Approvals.Features.Reviews;
using BlogModular.Blogging.Contracts;
using BlogModular.BuildingBlocks.Security;
using BlogModular.BuildingBlocks.UseCases;
using Microsoft.Extensions.Options;

namespace BlogModular.Approvals.Tests;

/// <summary>A reviewer never starts, takes over or decides the review of their own post; pure functions, no host.</summary>
public class SeparationOfDutiesTests
{
    private static readonly DateTimeOffset Received = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly Actor Ann = new(Guid.CreateVersion7(), "Ann");
    private static readonly Actor Tom = new(Guid.CreateVersion7(), "Tom");
    private static readonly IOptions<ReviewSettings> Settings = Options.Create(new ReviewSettings());
    private static readonly TimeProvider Clock = TimeProvider.System;

    private static ApprovalRequest WrittenBy(Actor author) => ApprovalRequest.Receive(
        new PostSubmitted(Guid.CreateVersion7(), 1, author.Id, author.Name, "Title", "Summary", "general", "Content", Received), Received);

    [Fact]
    public void The_author_cannot_start_the_review_of_their_own_post_and_it_stays_to_do()
    {
        var request = WrittenBy(Ann);

        var (result, started) = StartReviewHandler.Handle(new StartReview(request.Id, Ann), request, Clock, Settings);

        result.Problem.ShouldBeOfType<UseCaseProblem.Forbidden>().Detail.ShouldBe("This is your own post: another reviewer must review it.");
        started.ShouldBeNull();
        request.RemindAt.ShouldBeNull();
        request.Progress.ShouldBe(ReviewProgress.ToDo);
        request.Timeline.Count.ShouldBe(1);
    }

    [Fact]
    public void The_author_can_neither_take_over_nor_decide_a_review_of_their_own_post_that_someone_else_started()
    {
        var request = WrittenBy(Ann);
        request.Start(Tom, Received.AddMinutes(1), Settings.Value.RemindAfter);
        var remindAt = request.RemindAt;

        var takeover = TakeOverReviewHandler.Handle(new TakeOverReview(request.Id, Ann), request, Clock, Settings);
        var (decision, decided) = DecideReviewHandler.Handle(new DecideReview(request.Id, Ann, ReviewOutcome.Approved, null), request, Clock);

        takeover.Problem.ShouldBeOfType<UseCaseProblem.Forbidden>();
        request.RemindAt.ShouldBe(remindAt);
        decision.Problem.ShouldBeOfType<UseCaseProblem.Forbidden>();
        decided.ShouldBeNull();
        request.Progress.ShouldBe(ReviewProgress.InProgress);
        request.AssigneeId.ShouldBe(Tom.Id);
        request.Timeline.Count.ShouldBe(2);
    }

    [Fact]
    public void Another_reviewer_reviews_the_post_and_the_resource_tells_only_its_author_it_is_their_own()
    {
        var request = WrittenBy(Ann);

        var (result, _) = StartReviewHandler.Handle(new StartReview(request.Id, Tom), request, Clock, Settings);

        result.Succeeded.ShouldBeTrue();
        ApprovalResponse.From(request, caller: Ann.Id).OwnPost.ShouldBeTrue();
        ApprovalResponse.From(request, caller: Tom.Id).OwnPost.ShouldBeFalse();
    }

    [Fact]
    public void A_request_from_a_version_1_submission_names_no_author_so_any_reviewer_may_review_it()
    {
        var v1 = new PostSubmittedV1(Guid.CreateVersion7(), "Title", "Content", "Ann", Received);
        var request = ApprovalRequest.Receive(v1.Transform(), Received);

        request.AuthorId.ShouldBe(Guid.Empty);
        request.IsWrittenBy(Ann.Id).ShouldBeFalse();
        StartReviewHandler.Handle(new StartReview(request.Id, Ann), request, Clock, Settings).Item1.Succeeded.ShouldBeTrue();
    }
}
