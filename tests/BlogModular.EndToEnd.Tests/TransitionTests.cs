using System.Net;
using System.Net.Http.Json;
using BlogModular.Approvals.Domain;
using BlogModular.Approvals.Features.Requests;

namespace BlogModular.EndToEnd.Tests;

[Collection(HostGroup.Name)]
public sealed class TransitionTests(AppFixture app) : IAsyncLifetime
{
    private Api _author = null!;
    private Api _api = null!;

    public async Task InitializeAsync()
    {
        _author = await app.SignedInAsync("Ann");
        _api = await app.SignedInAsync("Rita", reviewer: true);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Review_steps_out_of_order_are_conflicts_and_change_nothing()
    {
        var post = await _author.CreatePostAsync();
        var request = await _api.WaitForApprovalRequestAsync(post.Id);

        await ShouldConflictAsync(Decide(request.Id, "Approved"), ReviewProgress.ToDo);

        await _api.StartAsync(request.Id);
        await ShouldConflictAsync(Start(request.Id), ReviewProgress.InProgress);

        await _api.DecideAsync(request.Id, "Approved");
        await ShouldConflictAsync(Start(request.Id), ReviewProgress.Done);
        await ShouldConflictAsync(Decide(request.Id, "Rejected", "too late"), ReviewProgress.Done);

        var final = (await _api.ApprovalsForPostAsync(post.Id)).Single();
        final.Status.ShouldBe(Approvals.Contracts.ReviewOutcome.Approved);
    }

    private Task<HttpResponseMessage> Start(Guid id) => _api.Http.PostAsync(ApprovalRoutes.For(id) + "/start", null);

    private Task<HttpResponseMessage> Decide(Guid id, string status, string? reason = null) =>
        _api.Http.PostAsJsonAsync(ApprovalRoutes.For(id) + "/decision", new { status, reason });

    private static async Task ShouldConflictAsync(Task<HttpResponseMessage> call, ReviewProgress current)
    {
        var response = await call;
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var request = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        request!["progress"].ToString().ShouldBe(current.ToString());
    }
}
