using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BlogModular.Testing;
using Xunit.Abstractions;

namespace BlogModular.Reliability.Tests;

/// <summary>
/// Posts go through submit, start, reject, edit, resubmit, start, approve while the broker goes down, the host is
/// SIGKILLed and a second process joins the consumer groups. Each post ends as its acts left it, and both modules'
/// timelines list the steps in the order the acts happened, whatever order their messages arrived in (ADR 0027).
/// </summary>
public sealed class OrderUnderFaultsTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Counts are configurable upward for longer local runs.
    private static readonly int Posts = int.TryParse(Environment.GetEnvironmentVariable("RELIABILITY_ORDER_POSTS"), out var p) ? p : 12;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("RELIABILITY_OUTAGE_SECONDS"), out var s) ? s : 5);
    private static readonly TimeSpan MessageTimeout = TimeSpan.FromSeconds(120);

    private static readonly string[] BloggingSteps =
        ["Submitted/1", "ReceivedForReview/1", "InReview/1", "Rejected/1", "Revised/2", "ReceivedForReview/2", "InReview/2", "Approved/2"];

    private RestartableHost _system = null!;

    public async Task InitializeAsync()
    {
        _system = await RestartableHost.StartAsync(brokerInTest: true);
        await _system.AddReviewerAsync();
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Each_post_ends_as_its_acts_left_it_and_both_timelines_keep_their_order_across_an_outage_a_sigkill_and_a_rebalance()
    {
        var clock = Stopwatch.StartNew();
        var host = await _system.StartHostAsync("host");
        List<HostProcess> hosts = [host];
        var (author, reviewer) = await SignInAsync(host);

        // Revision 1 is submitted and reaches Approvals.
        var ids = new List<Guid>();
        for (var i = 0; i < Posts; i++)
        {
            var response = await author.PostAsJsonAsync("/api/posts", new { title = $"Order {i}", category = "general", content = $"First text {i}" });
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            ids.Add((await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>());
        }

        var firstRequests = await RequestsAsync(reviewer, ids, revision: 1);

        // With the broker down, each revision 1 is started and rejected: the started and decided messages wait in the
        // outbox together and leave in whatever batches the sender makes once the broker is back.
        _system.Broker.SetDown();
        foreach (var request in firstRequests)
        {
            await ActAsync(reviewer, request, "start");
            await ActAsync(reviewer, request, "decision", new { status = "Rejected", reason = "Needs work" });
        }

        await Task.Delay(Outage);
        _system.Broker.SetUp();
        output.WriteLine($"{Posts} posts submitted, started and rejected (the broker down for {Outage.TotalSeconds:0} s): {clock.ElapsedMilliseconds} ms");
        foreach (var id in ids)
        {
            await Eventually.HoldsAsync(async () => (await GetPostAsync(author, id))["status"]!.GetValue<string>() == "Rejected", MessageTimeout, $"post {id} rejected in Blogging");
        }

        // The author edits every post, and the host is killed before its resubmissions have surely left.
        for (var i = 0; i < ids.Count; i++)
        {
            using var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/posts/{ids[i]}")
            {
                Content = JsonContent.Create(new { title = $"Order {i} edited", category = "general", content = $"Second text {i}" }),
            };
            edit.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            var response = await author.SendAsync(edit);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        await host.KillAsync();
        output.WriteLine($"edited, then SIGKILL: {clock.ElapsedMilliseconds} ms");
        host = await _system.StartHostAsync("host-after-kill");
        hosts.Add(host);
        (author, reviewer) = await SignInAsync(host);
        var secondRequests = await RequestsAsync(reviewer, ids, revision: 2);

        // A second process joins both consumer groups; reviewers start and approve through both while they rebalance.
        var second = await _system.StartHostAsync("second");
        hosts.Add(second);
        var (_, secondReviewer) = await SignInAsync(second);
        output.WriteLine($"restarted, resubmissions received, second process ready: {clock.ElapsedMilliseconds} ms");
        for (var i = 0; i < secondRequests.Count; i++)
        {
            var through = i % 2 == 0 ? reviewer : secondReviewer;
            await ActAsync(through, secondRequests[i], "start");
            await ActAsync(through, secondRequests[i], "decision", new { status = "Approved" });
        }

        // Every post ends published with its edited text, and Blogging's timeline lists every step in the acts' order.
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            JsonObject? last = null;
            var post = await Eventually.ExplainedAsync(
                () => Eventually.GetAsync(async () =>
                    (last = await GetPostAsync(author, id))["timeline"]!.AsArray().Count >= BloggingSteps.Length ? last : null,
                    MessageTimeout, $"every step of post {id} in Blogging"),
                async () => await ExplainAsync($"The post as last read: {last?.ToJsonString()}{Environment.NewLine}" +
                                               $"Its approval requests: {await reviewer.GetStringAsync($"/api/approvals?postId={id}")}", hosts));
            post["status"]!.GetValue<string>().ShouldBe("Published");
            post["revision"]!.GetValue<int>().ShouldBe(2);
            post["title"]!.GetValue<string>().ShouldBe($"Order {i} edited");
            post["content"]!.GetValue<string>().ShouldBe($"Second text {i}");
            post["pending"].ShouldBeNull();
            var timeline = post["timeline"]!.AsArray();
            timeline.Select(e => $"{e!["step"]!.GetValue<string>()}/{e["revision"]!.GetValue<int>()}").ShouldBe(BloggingSteps, $"post {id}");
            var times = timeline.Select(e => e!["at"]!.GetValue<DateTimeOffset>()).ToList();
            times.SequenceEqual(times.Order()).ShouldBeTrue($"post {id}: the timeline's steps in the order they happened");
        }

        // Approvals has exactly one request per revision, each with its steps in order.
        for (var i = 0; i < ids.Count; i++)
        {
            var requests = (await reviewer.GetFromJsonAsync<JsonObject>($"/api/approvals?postId={ids[i]}"))!["items"]!.AsArray()
                .OrderBy(r => r!["revision"]!.GetValue<int>()).ToList();
            requests.Select(r => $"{r!["revision"]}:{r["progress"]}:{r["status"]}").ShouldBe(["1:Done:Rejected", "2:Done:Approved"], $"post {ids[i]}");
            requests[0]!["timeline"]!.AsArray().Select(e => e!["text"]!.GetValue<string>()).ShouldBe(["Requested", "Started by Rita", "Rejected by Rita"]);
            requests[1]!["timeline"]!.AsArray().Select(e => e!["text"]!.GetValue<string>()).ShouldBe(["Requested", "Started by Rita", "Approved by Rita"]);
        }

        output.WriteLine($"Dead letters: {await _system.DeadLetterSummaryAsync()}");
        output.WriteLine($"{Posts} posts through 7 acts each, across a {Outage.TotalSeconds:0} s broker outage, a SIGKILL and a rebalance: " +
                         $"every final state and timeline in the acts' order, {clock.ElapsedMilliseconds} ms in all");
    }

    /// <summary>What a wait that timed out could see besides: <paramref name="state"/>, the dead letters, each host's latest warnings and errors.</summary>
    private async Task<string> ExplainAsync(string state, IEnumerable<HostProcess> hosts) =>
        string.Join(Environment.NewLine,
        [
            state, "Dead letters:", await _system.DeadLetterSummaryAsync(), "The hosts' latest warnings and errors:",
            .. hosts.Select(h => $"{h.Name}:{Environment.NewLine}{string.Join(Environment.NewLine, h.Warnings().TakeLast(30))}"),
        ]);

    private static async Task<(HttpClient Author, HttpClient Reviewer)> SignInAsync(HostProcess host) =>
        (await host.CreateClient().SignInAsync(RestartableHost.AuthorEmail), await host.CreateClient().SignInAsync(RestartableHost.ReviewerEmail));

    private static async Task<JsonObject> GetPostAsync(HttpClient author, Guid id) =>
        (await author.GetFromJsonAsync<JsonObject>($"/api/posts/{id}"))!;

    /// <summary>Each post's approval request for <paramref name="revision"/>, in the posts' order, once each has arrived.</summary>
    private static async Task<List<Guid>> RequestsAsync(HttpClient reviewer, List<Guid> ids, int revision)
    {
        var requests = new List<Guid>();
        foreach (var id in ids)
        {
            var request = await Eventually.GetAsync(
                async () => (await reviewer.GetFromJsonAsync<JsonObject>($"/api/approvals?postId={id}"))!["items"]!.AsArray()
                    .FirstOrDefault(r => r!["revision"]!.GetValue<int>() == revision),
                MessageTimeout, $"the request for revision {revision} of post {id}");
            requests.Add(request["id"]!.GetValue<Guid>());
        }

        return requests;
    }

    private static async Task ActAsync(HttpClient reviewer, Guid approvalId, string act, object? body = null)
    {
        var response = body is null
            ? await reviewer.PostAsync($"/api/approvals/{approvalId}/{act}", null)
            : await reviewer.PostAsJsonAsync($"/api/approvals/{approvalId}/{act}", body);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{act} of {approvalId}: {await response.Content.ReadAsStringAsync()}");
    }
}
