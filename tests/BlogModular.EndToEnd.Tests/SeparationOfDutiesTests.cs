using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BlogModular.Approvals.Domain;
using BlogModular.Approvals.Features.Requests;

namespace BlogModular.EndToEnd.Tests;

/// <summary>A reviewer who writes a post may read its approval request, but never start, take over or decide it.</summary>
[Collection(HostGroup.Name)]
public sealed class SeparationOfDutiesTests(AppFixture app)
{
    [Fact]
    public async Task A_reviewer_gets_403_for_starting_taking_over_or_deciding_their_own_post_and_nothing_changes()
    {
        var rita = await app.SignedInAsync("Rita", reviewer: true);
        var tom = await app.SignedInAsync("Tom", reviewer: true);
        var post = await rita.CreatePostAsync(title: "Rita's own post");
        var request = await rita.WaitForApprovalRequestAsync(post.Id);
        request.OwnPost.ShouldBeTrue();

        await ShouldBeForbiddenAsync(await rita.Http.PostAsync(ApprovalRoutes.For(request.Id) + "/start", null));
        var untouched = await rita.GetApprovalAsync(request.Id);
        (untouched.Progress, untouched.Assignee, untouched.Timeline.Count).ShouldBe((ReviewProgress.ToDo, null, 1));

        var started = await tom.StartAsync(request.Id);
        started.OwnPost.ShouldBeFalse();
        await ShouldBeForbiddenAsync(await rita.Http.PostAsync(ApprovalRoutes.For(request.Id) + "/takeover", null));
        await ShouldBeForbiddenAsync(await rita.Http.PostAsJsonAsync(ApprovalRoutes.For(request.Id) + "/decision", new { status = "Approved" }));

        var after = await rita.GetApprovalAsync(request.Id);
        (after.Progress, after.Assignee?.Name, after.Status, after.Timeline.Count).ShouldBe((ReviewProgress.InProgress, "Tom", null, 2));
        after.OwnPost.ShouldBeTrue();
        (await tom.GetApprovalAsync(request.Id)).OwnPost.ShouldBeFalse();
    }

    private static async Task ShouldBeForbiddenAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["detail"]!.GetValue<string>().ShouldBe("This is your own post: another reviewer must review it.");
    }
}
