using System.Net;
using System.Net.Http.Json;
using BlogModular.Approvals.Contracts;
using BlogModular.Approvals.Domain;
using BlogModular.Blogging.Domain;
using BlogModular.Blogging.Features.Posts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace BlogModular.EndToEnd.Tests;

/// <summary>Editing posts: each edit is a new revision that goes to review; only the latest revision's decision counts.</summary>
[Collection(HostGroup.Name)]
public sealed class RevisionTests(AppFixture app) : IAsyncLifetime
{
    private Api _author = null!;
    private Api _other = null!;
    private Api _reviewer = null!;

    public async Task InitializeAsync()
    {
        _author = await app.SignedInAsync("Ann");
        _other = await app.SignedInAsync("Olga");
        _reviewer = await app.SignedInAsync("Rita", reviewer: true);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_rejected_post_edited_with_its_ETag_goes_to_review_again_and_is_published_when_approved()
    {
        var post = await _author.CreatePostAsync(title: "First try", content: "Thin");
        var first = await DecideAsync(post.Id, 1, "Rejected", "Needs an example");
        await _author.WaitForPostAsync(post.Id, p => p.Status == PostStatus.Rejected);

        var get = await _author.Http.GetAsync(PostRoutes.For(post.Id));
        get.Headers.ETag!.Tag.ShouldBe("\"1\"");

        var revised = await _author.ReviseAsync(post.Id, 1, "Second try", "With an example");
        revised.Revision.ShouldBe(2);
        revised.Status.ShouldBe(PostStatus.Submitted);
        revised.Title.ShouldBe("Second try");
        revised.RejectionReason.ShouldBeNull();

        var second = await _reviewer.WaitForApprovalRequestAsync(post.Id, revision: 2);
        second.Progress.ShouldBe(ReviewProgress.ToDo);
        second.Title.ShouldBe("Second try");
        (await _reviewer.ApprovalsForPostAsync(post.Id)).Single(r => r.Id == first.Id).Status.ShouldBe(ReviewOutcome.Rejected);

        await _reviewer.StartAsync(second.Id);
        await _reviewer.DecideAsync(second.Id, "Approved");
        var published = await _author.WaitForPostAsync(post.Id, p => p.Status == PostStatus.Published);
        published.Title.ShouldBe("Second try");
        published.Content.ShouldBe("With an example");
        published.Revision.ShouldBe(2);
        published.Timeline!.Select(e => (e.Revision, e.Step)).ShouldBe(
        [
            (1, TimelineStep.Submitted), (1, TimelineStep.ReceivedForReview), (1, TimelineStep.InReview), (1, TimelineStep.Rejected),
            (2, TimelineStep.Revised), (2, TimelineStep.ReceivedForReview), (2, TimelineStep.InReview), (2, TimelineStep.Approved),
        ]);
    }

    [Fact]
    public async Task An_edit_without_If_Match_is_428_and_one_on_an_old_revision_is_412_and_neither_changes_anything()
    {
        var post = await _author.CreatePostAsync(title: "Guarded");
        await _author.ReviseAsync(post.Id, 1, "Guarded, revised");

        var missing = await _author.ReviseAsync(post.Id, ifMatch: null, title: "Blind overwrite");
        missing.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        (await missing.Content.ReadFromJsonAsync<ProblemDetails>())!.Title.ShouldBe("If-Match is required");

        var stale = await _author.ReviseAsync(post.Id, ifMatch: "\"1\"", title: "Lost update");
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        var problem = (await stale.Content.ReadFromJsonAsync<ProblemDetails>())!;
        problem.Detail!.ShouldContain("revision 2");
        problem.Extensions["currentRevision"]!.ToString().ShouldBe("2");

        (await _author.ReviseAsync(post.Id, ifMatch: "W/\"2\"", title: "Weak tag")).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await _author.ReviseAsync(post.Id, ifMatch: "\"not a revision\"", title: "Odd tag")).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);

        (await _author.ReviseAsync(post.Id, ifMatch: "\"1\", \"3\"", title: "Neither tag")).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);

        var current = (await _author.GetPostAsync(post.Id))!;
        current.Title.ShouldBe("Guarded, revised");
        current.Revision.ShouldBe(2);
    }

    [Fact]
    public async Task An_if_match_listing_several_tags_accepts_the_edit_when_any_of_them_is_the_latest_revision()
    {
        var post = await _author.CreatePostAsync(title: "Tagged");

        var response = await _author.ReviseAsync(post.Id, ifMatch: "\"7\", W/\"1\", \"1\"", title: "Tagged, revised");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Headers.ETag!.Tag.ShouldBe("\"2\"");
        (await _author.GetPostAsync(post.Id))!.Title.ShouldBe("Tagged, revised");
    }

    [Fact]
    public async Task A_post_still_to_do_can_be_edited_and_its_old_request_is_superseded_with_a_step_on_its_timeline()
    {
        var post = await _author.CreatePostAsync(title: "Draft one");
        var old = await _reviewer.WaitForApprovalRequestAsync(post.Id);

        await _author.ReviseAsync(post.Id, 1, "Draft two");

        var fresh = await _reviewer.WaitForApprovalRequestAsync(post.Id, revision: 2);
        fresh.Progress.ShouldBe(ReviewProgress.ToDo);
        fresh.Title.ShouldBe("Draft two");
        var superseded = (await _reviewer.ApprovalsForPostAsync(post.Id)).Single(r => r.Id == old.Id);
        superseded.Progress.ShouldBe(ReviewProgress.Superseded);
        superseded.Timeline.Select(s => s.Step).ShouldBe([ReviewStepKind.Requested, ReviewStepKind.Superseded]);
        superseded.Timeline[^1].Text.ShouldBe("Superseded by a newer revision");
        var start = await _reviewer.Http.PostAsync($"/api/approvals/{old.Id}/start", null);
        start.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_post_in_review_cannot_be_edited_until_it_is_decided()
    {
        var post = await _author.CreatePostAsync(title: "Being read");
        var request = await _reviewer.WaitForApprovalRequestAsync(post.Id);
        await _reviewer.StartAsync(request.Id);
        await _author.WaitForPostAsync(post.Id, p => p.Timeline!.Any(e => e.Step == TimelineStep.InReview));

        var response = await _author.ReviseAsync(post.Id, ifMatch: "\"1\"", title: "Sneaky change");

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail!.ShouldContain("reviewing revision 1");
        (await _author.GetPostAsync(post.Id))!.Title.ShouldBe("Being read");
    }

    [Fact]
    public async Task Editing_a_published_post_keeps_the_published_text_live_until_the_new_revision_is_approved()
    {
        var anonymous = new Api(app.Host.Server.CreateClient());
        var post = await _author.CreatePostAsync(title: "Live text", content: "Version one");
        await DecideAsync(post.Id, 1, "Approved");
        await _author.WaitForPostAsync(post.Id, p => p.Status == PostStatus.Published);

        var edited = await _author.ReviseAsync(post.Id, 1, "Live text, improved", "Version two");
        edited.Status.ShouldBe(PostStatus.Published);
        edited.Revision.ShouldBe(1);
        edited.Pending!.Revision.ShouldBe(2);
        edited.Pending.Title.ShouldBe("Live text, improved");
        edited.LatestRevision.ShouldBe(2);

        var reader = (await anonymous.GetPostAsync(post.Id))!;
        reader.Title.ShouldBe("Live text");
        reader.Content.ShouldBe("Version one");
        reader.Pending.ShouldBeNull("the pending revision is the author's and reviewers' only");
        (await anonymous.FeedAsync()).Items.Single(p => p.Id == post.Id).Title.ShouldBe("Live text");

        // Rejected: the published text stays; the author edits again.
        await DecideAsync(post.Id, 2, "Rejected", "Too long");
        var rejected = await _author.WaitForPostAsync(post.Id, p => p.Pending?.Status == PostStatus.Rejected);
        rejected.Pending!.RejectionReason.ShouldBe("Too long");
        (await anonymous.GetPostAsync(post.Id))!.Title.ShouldBe("Live text");

        await _author.ReviseAsync(post.Id, 2, "Live text, shorter", "Version three");
        await DecideAsync(post.Id, 3, "Approved");
        var republished = await anonymous.WaitForPostAsync(post.Id, p => p.Revision == 3);
        republished.Title.ShouldBe("Live text, shorter");
        republished.Content.ShouldBe("Version three");
        republished.Status.ShouldBe(PostStatus.Published);
        (await _author.GetPostAsync(post.Id))!.Pending.ShouldBeNull();
    }

    [Fact]
    public async Task A_late_decision_for_an_older_revision_changes_nothing()
    {
        var post = await _author.CreatePostAsync(title: "Old news");
        var old = await _reviewer.WaitForApprovalRequestAsync(post.Id);
        await _author.ReviseAsync(post.Id, 1, "New news");
        var fresh = await _reviewer.WaitForApprovalRequestAsync(post.Id, revision: 2);

        // A decision on revision 1 arrives late (as a redelivery would), ahead of the real one on the same partition.
        await using (var scope = app.Host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMessageBus>()
                .PublishAsync(new ReviewDecided(post.Id, 1, old.Id, ReviewOutcome.Approved, null, DateTimeOffset.UtcNow));
        }

        await _reviewer.StartAsync(fresh.Id);
        await _reviewer.DecideAsync(fresh.Id, "Rejected", "Not yet");

        var decided = await _author.WaitForPostAsync(post.Id, p => p.Status != PostStatus.Submitted);
        decided.Status.ShouldBe(PostStatus.Rejected);
        decided.Title.ShouldBe("New news");
        decided.Timeline!.ShouldNotContain(e => e.Step == TimelineStep.Approved);
        decided.PublishedAt.ShouldBeNull();
    }

    [Fact]
    public async Task Only_the_author_can_edit_and_bad_edits_are_refused_without_changes()
    {
        var unpublished = await _author.CreatePostAsync(title: "Mine alone");
        (await _other.ReviseAsync(unpublished.Id, "\"1\"")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _author.ReviseAsync(Guid.CreateVersion7(), "\"1\"")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var published = await _author.CreatePostAsync(title: "Public, still mine");
        await DecideAsync(published.Id, 1, "Approved");
        await _author.WaitForPostAsync(published.Id, p => p.Status == PostStatus.Published);
        var forbidden = await _other.ReviseAsync(published.Id, "\"1\"");
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await forbidden.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail.ShouldBe("Only the post's author can edit it.");

        var anonymous = new Api(app.Host.Server.CreateClient());
        (await anonymous.ReviseAsync(published.Id, "\"1\"")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await _author.ReviseAsync(unpublished.Id, "\"1\"", category: "no-such-category")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _author.ReviseAsync(unpublished.Id, "\"1\"", title: "")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var noBody = new HttpRequestMessage(HttpMethod.Put, PostRoutes.For(unpublished.Id));
        noBody.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        (await _author.Http.SendAsync(noBody)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var unchanged = (await _author.GetPostAsync(unpublished.Id))!;
        unchanged.Title.ShouldBe("Mine alone");
        unchanged.Revision.ShouldBe(1);
    }

    /// <summary>The reviewer starts and decides the request for <paramref name="revision"/> once it has arrived.</summary>
    private async Task<Approvals.Features.Requests.ApprovalResponse> DecideAsync(Guid postId, int revision, string status, string? reason = null)
    {
        var request = await _reviewer.WaitForApprovalRequestAsync(postId, revision: revision);
        await _reviewer.StartAsync(request.Id);
        return await _reviewer.DecideAsync(request.Id, status, reason);
    }
}
