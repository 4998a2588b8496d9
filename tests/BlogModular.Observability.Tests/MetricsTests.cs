using BlogModular.Blogging.Contracts;
using BlogModular.Testing;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace BlogModular.Observability.Tests;

[Collection(InProcessGroup.Name)]
public sealed class MetricsTests(InProcessFixture app)
{
    private const string Pending = "blogmodular_outbox_pending";
    private const string OldestAge = "blogmodular_outbox_oldest_age_seconds";
    private const string DeadLetters = "blogmodular_dead_letters";
    private const string Decisions = "blogmodular_approvals_decisions_total";
    private const string SubmissionToRequest = "blogmodular_approvals_submission_to_request_seconds";

    [Fact]
    public async Task Metrics_endpoint_exposes_the_operator_metrics_with_sensible_values_after_a_flow()
    {
        var before = await ScrapeAsync();
        await app.CreateAndDecideAsync("Approved");
        await app.CreateAndDecideAsync("Rejected", "Needs sources");

        // The outbox drains once Kafka has acknowledged everything; the gauges then read zero.
        var after = await Eventually.GetAsync(async () => await ScrapeAsync() is var m && m.Value(Pending) == 0 ? m : null,
            Flow.MessageTimeout, "an empty outbox");
        after.Value(OldestAge).ShouldBe(0);
        after.Value(DeadLetters).ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(0);

        Increase(before, after, Decisions, ("outcome", "Approved")).ShouldBe(1);
        Increase(before, after, Decisions, ("outcome", "Rejected")).ShouldBe(1);
        Increase(before, after, SubmissionToRequest + "_count").ShouldBe(2);
        Increase(before, after, SubmissionToRequest + "_sum").ShouldBeGreaterThan(0);
        after.Value(SubmissionToRequest + "_bucket", ("le", "+Inf")).ShouldBe(after.Value(SubmissionToRequest + "_count"));

        // Wolverine's own meters and the instrumented libraries are exported too.
        after.Has("wolverine_execution_time").ShouldBeTrue();
        after.Has("http_server_request_duration_seconds").ShouldBeTrue();
        after.Has("db_client_operation_duration_seconds").ShouldBeTrue();
    }

    [Fact]
    public async Task Outbox_gauges_count_and_age_the_messages_held_while_the_broker_is_down()
    {
        app.Broker.ShouldNotBeNull("broker fault injection needs the embedded broker (unset BLOGMODULAR_TEST_KAFKA)");
        app.Broker.SetDown();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                (await app.Reviewer.PostAsync("/api/posts", Json($$"""{"title":"Held {{i}}","category":"general","content":"Body"}"""))).EnsureSuccessStatusCode();
            }

            var held = await Eventually.GetAsync(async () => await ScrapeAsync() is var m && m.Value(Pending) >= 3 && m.Value(OldestAge) > 0 ? m : null,
                Flow.MessageTimeout, "the outbox gauges to show the held messages");
            held.Value(Pending).ShouldBe(await app.ScalarAsync<long>("select count(*) from wolverine.wolverine_outgoing_envelopes"));
        }
        finally
        {
            app.Broker.SetUp();
        }

        var drained = await Eventually.ExplainedAsync(
            () => Eventually.GetAsync(async () => await ScrapeAsync() is var m && m.Value(Pending) == 0 ? m : null,
                Flow.MessageTimeout, "the outbox to drain after the broker returned"),
            async () => "It holds: " + await app.ScalarAsync<string>(
                "select coalesce(string_agg(destination || ' owner ' || owner_id || ' attempts ' || attempts || ' since ' || timestamp, '; '), 'nothing') " +
                "from wolverine.wolverine_outgoing_envelopes"));

        drained.Value(OldestAge).ShouldBe(0);
    }

    [Fact]
    public async Task Dead_letter_gauge_counts_a_message_that_failed_all_its_retries()
    {
        var before = (await ScrapeAsync()).Value(DeadLetters).ShouldNotBeNull();

        // A submission no approval request can hold (titles are at most 200 characters in PostgreSQL): the
        // insert fails on every retry, and Wolverine moves the message to its dead-letter table.
        using var scope = app.Host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(new PostSubmitted(Guid.NewGuid(), 1, Guid.NewGuid(), "Ann", new string('x', 500), "Summary", "general", "Body", DateTimeOffset.UtcNow));

        var after = await Eventually.GetAsync(async () => await ScrapeAsync() is var m && m.Value(DeadLetters) > before ? m : null,
            Flow.MessageTimeout, "the dead-letter gauge to rise");
        after.Value(DeadLetters).ShouldBe(await app.ScalarAsync<long>("select count(*) from wolverine.wolverine_dead_letters"));
    }

    private static double Increase(Prometheus before, Prometheus after, string name, params (string, string)[] labels) =>
        (after.Value(name, labels) ?? 0) - (before.Value(name, labels) ?? 0);

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    private async Task<Prometheus> ScrapeAsync()
    {
        var response = await app.Reviewer.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/plain");
        return new Prometheus(await response.Content.ReadAsStringAsync());
    }
}
