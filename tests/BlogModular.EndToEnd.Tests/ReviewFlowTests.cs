using System.Diagnostics;
using BlogModular.Approvals.Contracts;
using BlogModular.Approvals.Domain;
using BlogModular.Blogging.Domain;
using Xunit.Abstractions;

namespace BlogModular.EndToEnd.Tests;

[Collection(HostGroup.Name)]
public sealed class ReviewFlowTests(AppFixture app, ITestOutputHelper output) : IAsyncLifetime
{
    private Api _author = null!;
    private Api _reviewer = null!;

    public async Task InitializeAsync()
    {
        _author = await app.SignedInAsync("Ann");
        _reviewer = await app.SignedInAsync("Rita", reviewer: true);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Approved_post_is_published_and_appears_in_the_feed()
    {
        var stopwatch = Stopwatch.StartNew();
        var post = await _author.CreatePostAsync(title: "  Kafka in practice  ", content: "Outboxes everywhere");
        post.Status.ShouldBe(PostStatus.Submitted);
        post.Title.ShouldBe("Kafka in practice");
        post.Author.ShouldBe("Ann");
        post.PublishedAt.ShouldBeNull();

        var request = await _reviewer.WaitForApprovalRequestAsync(post.Id);
        output.WriteLine($"create → approval request visible: {stopwatch.ElapsedMilliseconds} ms");
        request.Progress.ShouldBe(ReviewProgress.ToDo);
        request.Status.ShouldBeNull();
        request.Title.ShouldBe("Kafka in practice");
        request.Content.ShouldBe("Outboxes everywhere");
        request.Author.ShouldBe("Ann");
        (await _author.FeedAsync()).Items.ShouldNotContain(p => p.Id == post.Id, "a post awaiting review is not public");

        (await _reviewer.StartAsync(request.Id)).Progress.ShouldBe(ReviewProgress.InProgress);
        var decided = await _reviewer.DecideAsync(request.Id, "Approved");
        decided.Progress.ShouldBe(ReviewProgress.Done);
        decided.Status.ShouldBe(ReviewOutcome.Approved);

        stopwatch.Restart();
        var published = await _author.WaitForPostAsync(post.Id, p => p.Status != PostStatus.Submitted);
        output.WriteLine($"decision → post published: {stopwatch.ElapsedMilliseconds} ms");
        published.Status.ShouldBe(PostStatus.Published);
        published.PublishedAt.ShouldNotBeNull();
        published.RejectionReason.ShouldBeNull();
        (await _author.FeedAsync()).Items.ShouldContain(p => p.Id == post.Id);
    }

    [Fact]
    public async Task Rejected_post_keeps_its_reason_and_never_reaches_the_feed()
    {
        var post = await _author.CreatePostAsync(title: "Hot take");
        var request = await _reviewer.WaitForApprovalRequestAsync(post.Id);
        await _reviewer.StartAsync(request.Id);

        var decided = await _reviewer.DecideAsync(request.Id, "Rejected", "  Needs sources  ");
        decided.Status.ShouldBe(ReviewOutcome.Rejected);
        decided.Reason.ShouldBe("Needs sources");

        var rejected = await _author.WaitForPostAsync(post.Id, p => p.Status != PostStatus.Submitted);
        rejected.Status.ShouldBe(PostStatus.Rejected);
        rejected.RejectionReason.ShouldBe("Needs sources");
        rejected.PublishedAt.ShouldBeNull();
        (await _author.FeedAsync()).Items.ShouldNotContain(p => p.Id == post.Id);
    }

    [Fact]
    public async Task Feed_lists_published_posts_newest_first_in_keyset_pages()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var post = await _author.CreatePostAsync(title: $"Paged {i}");
            var request = await _reviewer.WaitForApprovalRequestAsync(post.Id);
            await _reviewer.StartAsync(request.Id);
            await _reviewer.DecideAsync(request.Id, "Approved");
            await _author.WaitForPostAsync(post.Id, p => p.Status == PostStatus.Published);
            ids.Add(post.Id);
        }

        var first = await _author.FeedAsync("?limit=2");
        first.Items.Select(p => p.Id).ShouldBe([ids[2], ids[1]]);
        first.Next.ShouldNotBeNull();
        var second = await _author.FeedAsync($"?limit=2&after={first.Next}");
        second.Items[0].Id.ShouldBe(ids[0]);
        first.Items.Concat(second.Items).ShouldAllBe(p => p.Status == PostStatus.Published);
    }
}
