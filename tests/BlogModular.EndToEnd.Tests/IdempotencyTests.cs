using BlogModular.Blogging.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace BlogModular.EndToEnd.Tests;

[Collection(HostGroup.Name)]
public sealed class IdempotencyTests(AppFixture app) : IAsyncLifetime
{
    private Api _api = null!;

    public async Task InitializeAsync() => _api = await app.SignedInAsync("Rita", reviewer: true);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_same_submission_delivered_twice_creates_one_approval_request()
    {
        var submitted = new PostSubmitted(Guid.CreateVersion7(), 1, Guid.CreateVersion7(), "Ann", "Twice", "Summary", "general", "Delivered twice", DateTimeOffset.UtcNow);
        await using var scope = app.Host.Services.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();

        // Two separate envelopes over Kafka, as a producer retry or a re-announcement would make them.
        await bus.PublishAsync(submitted);
        await bus.PublishAsync(submitted);
        await _api.WaitForApprovalRequestAsync(submitted.PostId);

        // A third delivery after the first two is a witness that both were consumed by now.
        var witness = submitted with { PostId = Guid.CreateVersion7() };
        await bus.PublishAsync(submitted);
        await bus.PublishAsync(witness);
        await _api.WaitForApprovalRequestAsync(witness.PostId);

        (await app.ScalarAsync<long>("select count(*) from approvals.approval_requests where post_id = $1", submitted.PostId)).ShouldBe(1);
    }
}
