using System.Net;

namespace BlogModular.Deployment.Tests;

[Collection(DeploymentGroup.Name)]
public sealed class SplitProcessTests(Deployment deployment) : IAsyncLifetime
{
    private HttpClient _blogging = null!;
    private HttpClient _approvals = null!;

    public async Task InitializeAsync()
    {
        _blogging = await deployment.Blogging.SignedInAsync(Deployment.AuthorEmail);
        // Logged in at the Blogging process, used at the Approvals process: one key ring for the deployment.
        _approvals = await deployment.Approvals.SignedInAsync(Deployment.ReviewerEmail, issuer: deployment.Blogging);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_token_issued_by_one_process_is_accepted_by_another()
    {
        using var reviewerAtApprovals = await deployment.Approvals.SignedInAsync(Deployment.ReviewerEmail, issuer: deployment.Blogging);
        (await reviewerAtApprovals.GetAsync("/api/approvals")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var authorAtBlogging = await deployment.Blogging.SignedInAsync(Deployment.AuthorEmail, issuer: deployment.Approvals);
        (await authorAtBlogging.GetAsync("/api/me/posts")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var anonymous = deployment.Approvals.CreateClient();
        (await anonymous.GetAsync("/api/approvals")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Blogging_and_approvals_in_separate_processes_complete_the_approve_flow()
    {
        var postId = await _blogging.CreatePostAsync("Split approve");
        var request = await _approvals.WaitForApprovalAsync(postId);
        request.Text("progress").ShouldBe("ToDo");

        await _approvals.ReviewAsync(request.Id(), "Approved");

        var post = await _blogging.WaitForPostStatusAsync(postId, "Published");
        post["publishedAt"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Blogging_and_approvals_in_separate_processes_complete_the_reject_flow()
    {
        var postId = await _blogging.CreatePostAsync("Split reject");
        var request = await _approvals.WaitForApprovalAsync(postId);

        await _approvals.ReviewAsync(request.Id(), "Rejected", "Not for us");

        var post = await _blogging.WaitForPostStatusAsync(postId, "Rejected");
        post.Text("rejectionReason").ShouldBe("Not for us");
    }

    [Theory]
    [InlineData("blogging", "/api/approvals")]
    [InlineData("blogging", "/api/approvals/0194f1a0-0000-7000-8000-000000000000")]
    [InlineData("approvals", "/api/posts")]
    [InlineData("approvals", "/api/posts/0194f1a0-0000-7000-8000-000000000000")]
    public async Task A_process_answers_404_for_the_routes_of_a_module_it_does_not_run(string process, string path)
    {
        var http = process == "blogging" ? _blogging : _approvals;

        var response = await http.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Each_process_serves_its_own_module()
    {
        (await _blogging.GetAsync("/api/posts")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _approvals.GetAsync("/api/approvals")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
