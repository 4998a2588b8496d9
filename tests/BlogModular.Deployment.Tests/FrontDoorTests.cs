using System.Net;

namespace BlogModular.Deployment.Tests;

[Collection(DeploymentGroup.Name)]
public sealed class FrontDoorTests(Deployment deployment) : IAsyncLifetime
{
    private HttpClient _author = null!;
    private HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        _author = await deployment.FrontDoor.SignedInAsync(Deployment.AuthorEmail);
        _api = await deployment.FrontDoor.SignedInAsync(Deployment.ReviewerEmail);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Through_the_front_door_both_modules_answer_on_one_base_url()
    {
        (await _api.GetAsync("/api/posts")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _api.GetAsync("/api/approvals")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_whole_review_flow_works_through_one_base_url()
    {
        var postId = await _author.CreatePostAsync("Front door");
        var request = await _api.WaitForApprovalAsync(postId);

        await _api.ReviewAsync(request.Id(), "Approved");

        await _author.WaitForPostStatusAsync(postId, "Published");
    }

    [Fact]
    public async Task Errors_stay_problem_details_behind_the_proxy()
    {
        var response = await _api.GetAsync("/api/approvals?limit=0");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }
}
