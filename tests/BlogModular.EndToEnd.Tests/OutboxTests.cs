using System.Net;
using System.Net.Http.Json;
using BlogModular.Blogging.Features.Posts;
using BlogModular.Testing;

namespace BlogModular.EndToEnd.Tests;

[Collection(HostGroup.Name)]
public sealed class OutboxTests(AppFixture app) : IAsyncLifetime
{
    private Api _api = null!;
    private Api _reviewer = null!;

    public async Task InitializeAsync()
    {
        _api = await app.SignedInAsync("Ann");
        _reviewer = await app.SignedInAsync("Rita", reviewer: true);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_save_that_fails_publishes_nothing()
    {
        // Real fault injection: PostgreSQL itself refuses the insert, after Wolverine queued the event.
        await app.ExecuteAsync("""
            CREATE OR REPLACE FUNCTION blogging.refuse_doomed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.title = 'doomed' THEN RAISE EXCEPTION 'refused by test trigger'; END IF;
              RETURN NEW;
            END $$;
            DROP TRIGGER IF EXISTS refuse_doomed ON blogging.posts;
            CREATE TRIGGER refuse_doomed BEFORE INSERT ON blogging.posts FOR EACH ROW EXECUTE FUNCTION blogging.refuse_doomed();
            """);
        try
        {
            var response = await _api.Http.PostAsJsonAsync(PostRoutes.Posts, new { title = "doomed", category = "general", content = "x" });
            response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
            (await response.Content.ReadAsStringAsync()).ShouldNotContain("refused by test trigger");

            // A post saved after the failed one travels the same partitions; once it has arrived, anything
            // the failed save might have published would have too.
            var witness = await _api.CreatePostAsync(title: "witness");
            await _reviewer.WaitForApprovalRequestAsync(witness.Id);

            (await app.ScalarAsync<long>("select count(*) from blogging.posts where title = 'doomed'")).ShouldBe(0);
            (await app.ScalarAsync<long>("select count(*) from approvals.approval_requests where title = 'doomed'")).ShouldBe(0);
            await Eventually.HoldsAsync(
                async () => await app.ScalarAsync<long>("select count(*) from wolverine.wolverine_outgoing_envelopes") == 0,
                TimeSpan.FromSeconds(30), "the outbox to drain");
        }
        finally
        {
            await app.ExecuteAsync("DROP TRIGGER IF EXISTS refuse_doomed ON blogging.posts;");
        }
    }

    [Fact]
    public async Task Post_accepted_while_the_broker_is_down_is_delivered_exactly_once_after_it_returns()
    {
        app.Broker.ShouldNotBeNull("broker fault injection needs the embedded broker (unset BLOGMODULAR_TEST_KAFKA)");
        app.Broker.SetDown();
        var posts = new List<PostResponse>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                posts.Add(await _api.CreatePostAsync(title: $"during outage {i}"));
            }

            // The outbox holds them durably: they are rows in PostgreSQL, not memory.
            (await app.ScalarAsync<long>("select count(*) from wolverine.wolverine_outgoing_envelopes")).ShouldBeGreaterThanOrEqualTo(posts.Count);
            foreach (var post in posts)
            {
                (await _reviewer.ApprovalsForPostAsync(post.Id)).ShouldBeEmpty();
            }
        }
        finally
        {
            app.Broker.SetUp();
        }

        foreach (var post in posts)
        {
            await _reviewer.WaitForApprovalRequestAsync(post.Id, TimeSpan.FromSeconds(60));
        }

        await Eventually.HoldsAsync(
            async () => await app.ScalarAsync<long>("select count(*) from wolverine.wolverine_outgoing_envelopes") == 0,
            TimeSpan.FromSeconds(30), "the outbox to drain");
        foreach (var post in posts)
        {
            (await app.ScalarAsync<long>("select count(*) from approvals.approval_requests where post_id = $1", post.Id)).ShouldBe(1);
        }
    }
}
