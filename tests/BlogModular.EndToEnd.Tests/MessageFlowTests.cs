using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BlogModular.Blogging.Contracts;
using BlogModular.Testing;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace BlogModular.EndToEnd.Tests;

[Collection(HostGroup.Name)]
public sealed class MessageFlowTests(AppFixture app) : IAsyncLifetime
{
    private Api _operator = null!;

    public async Task InitializeAsync() => _operator = await app.SignedInAsync("Olga", @operator: true);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_message_flow_shows_outbox_inbox_and_consumer_lag_per_topic()
    {
        var flow = (await _operator.Http.GetFromJsonAsync<JsonObject>("/api/ops/messages"))!;

        flow["outbox"]!["pending"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(0);
        flow["inbox"]!["handled"].ShouldNotBeNull();
        var topics = flow["topics"]!.AsArray().Select(t => (t!["topic"]!.GetValue<string>(), t["consumerGroup"]!.GetValue<string>())).ToList();
        topics.ShouldBe(
            [("blog-creation", "blogmodular.approvals"), ("blog-approval", "blogmodular.blogging"), ("user-notification", "blogmodular.accounts")],
            ignoreOrder: true);
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_dead_lettered_listed_and_can_be_discarded()
    {
        // A title the Approvals table cannot hold: every retry fails the same way, so it ends in the dead letters.
        var poison = new PostSubmitted(Guid.CreateVersion7(), 1, Guid.CreateVersion7(), "Ann", new string('t', 500), "Summary", "general", "Body", DateTimeOffset.UtcNow);
        await using (var scope = app.Host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(poison);
        }

        var envelope = await Eventually.GetAsync(async () =>
        {
            var listed = await _operator.Http.PostAsJsonAsync("/api/ops/dead-letters/", new { limit = 100 });
            var text = await listed.Content.ReadAsStringAsync();
            return text.Contains(poison.PostId.ToString(), StringComparison.Ordinal) || text.Contains("blogging.post-submitted", StringComparison.Ordinal)
                ? JsonNode.Parse(text)
                : null;
        }, TimeSpan.FromSeconds(60), "the poison message in the dead letters");
        var ids = envelope.AsArray().SelectMany(store => store!["envelopes"]!.AsArray())
            .Where(e => e!["messageType"]?.GetValue<string>() == "blogging.post-submitted.V2")
            .Select(e => e!["id"]!.GetValue<Guid>()).ToArray();
        ids.ShouldNotBeEmpty();
        ((await _operator.Http.GetFromJsonAsync<JsonObject>("/api/ops/messages"))!["deadLetters"]!.GetValue<int>()).ShouldBeGreaterThanOrEqualTo(1);

        using var discard = new HttpRequestMessage(HttpMethod.Delete, "/api/ops/dead-letters/") { Content = JsonContent.Create(new { ids }) };
        (await _operator.Http.SendAsync(discard)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.ScalarAsync<long>("select count(*) from wolverine.wolverine_dead_letters where id = any($1)", ids)).ShouldBe(0);
    }
}
