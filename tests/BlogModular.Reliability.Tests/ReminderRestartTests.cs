using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BlogModular.Approvals.Features.Requests;
using BlogModular.Approvals.Features.Reviews;
using BlogModular.Testing;
using Xunit.Abstractions;

namespace BlogModular.Reliability.Tests;

/// <summary>
/// A review's reminder is a time stored with the request, not a timer in the process: the host is stopped after the
/// review starts and before the reminder is due, started again, and the reminder still happens, once. In the split
/// layout only a process that runs Approvals sends it.
/// </summary>
public sealed class ReminderRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan RemindAfter = TimeSpan.FromSeconds(6);

    private RestartableHost _system = null!;

    public async Task InitializeAsync()
    {
        _system = await RestartableHost.StartAsync(new Dictionary<string, string>
        {
            ["Approvals__Review__RemindAfter"] = RemindAfter.ToString(),
        });
        await _system.AddReviewerAsync();
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task A_reminder_scheduled_before_a_restart_is_sent_after_it_exactly_once()
    {
        var host = await _system.StartHostAsync("host");
        using var authorClient = host.CreateClient();
        var author = await authorClient.SignInAsync(RestartableHost.AuthorEmail);
        var post = (await (await author.PostAsJsonAsync("/api/posts", new { title = "Remind me", category = "general", content = "c" }))
            .Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        using var reviewerClient = host.CreateClient();
        var reviewer = await reviewerClient.SignInAsync(RestartableHost.ReviewerEmail);
        var approvalId = (await Eventually.GetAsync(
            async () => (await reviewer.GetFromJsonAsync<JsonObject>($"{ApprovalRoutes.Approvals}?postId={post}"))!["items"]!.AsArray().FirstOrDefault(),
            TimeSpan.FromSeconds(30), "the approval request"))["id"]!.GetValue<Guid>();

        (await reviewer.PostAsync(ApprovalRoutes.For(approvalId) + "/start", null)).EnsureSuccessStatusCode();
        var started = Stopwatch.StartNew();
        await host.StopAsync();
        output.WriteLine($"host stopped {started.ElapsedMilliseconds} ms after the start of the review");

        // The proof needs the stop to come first: the reminder is not sent yet and waits in PostgreSQL.
        started.Elapsed.ShouldBeLessThan(RemindAfter, "the host took too long to stop; the reminder may have fired before it");
        (await _system.ReviewStepsAsync(approvalId, "ReminderSent")).ShouldBe(0);
        (await _system.RemindersDueAsync()).ShouldBe(1);

        var restarted = await _system.StartHostAsync("host-restarted");
        await Eventually.HoldsAsync(async () => await _system.ReviewStepsAsync(approvalId, "ReminderSent") > 0,
            TimeSpan.FromSeconds(60), "the reminder after the restart");
        output.WriteLine($"reminder recorded {started.ElapsedMilliseconds} ms after the start of the review");

        started.Elapsed.ShouldBeGreaterThanOrEqualTo(RemindAfter);
        (await _system.RemindersDueAsync()).ShouldBe(0);
        (await _system.ReviewStepsAsync(approvalId, "ReminderSent")).ShouldBe(1);
        using var againClient = restarted.CreateClient();
        var again = await againClient.SignInAsync(RestartableHost.ReviewerEmail);
        var timeline = (await again.GetFromJsonAsync<JsonObject>(ApprovalRoutes.For(approvalId)))!["timeline"]!.AsArray()
            .Select(step => step!["text"]!.GetValue<string>()).ToList();
        timeline.ShouldBe(["Requested", "Started by Rita", "Reminder sent to Rita"]);
        restarted.CountLines("Reminding Rita of approval request").ShouldBe(1);
    }

    [Fact]
    public async Task In_the_split_layout_the_reminder_is_sent_by_the_approvals_process_and_nothing_is_dead_lettered()
    {
        var blogging = await _system.StartHostAsync("blogging", new Dictionary<string, string> { ["Modules__Approvals__Enabled"] = "false" });
        var approvals = await _system.StartHostAsync("approvals", new Dictionary<string, string> { ["Modules__Blogging__Enabled"] = "false" });
        using var authorClient = blogging.CreateClient();
        var author = await authorClient.SignInAsync(RestartableHost.AuthorEmail);
        var post = (await (await author.PostAsJsonAsync("/api/posts", new { title = "Remind me, split", category = "general", content = "c" }))
            .Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        using var reviewerClient = approvals.CreateClient();
        var reviewer = await reviewerClient.SignInAsync(RestartableHost.ReviewerEmail);
        var approvalId = (await Eventually.GetAsync(
            async () => (await reviewer.GetFromJsonAsync<JsonObject>($"{ApprovalRoutes.Approvals}?postId={post}"))!["items"]!.AsArray().FirstOrDefault(),
            TimeSpan.FromSeconds(60), "the approval request"))["id"]!.GetValue<Guid>();

        (await reviewer.PostAsync(ApprovalRoutes.For(approvalId) + "/start", null)).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(async () => await _system.ReviewStepsAsync(approvalId, "ReminderSent") > 0,
            TimeSpan.FromSeconds(60), "the reminder");

        (await _system.ReviewStepsAsync(approvalId, "ReminderSent")).ShouldBe(1);
        (await _system.DeadLettersAsync()).ShouldBe(0, "no process took a message it cannot handle");
        approvals.CountLines("Reminding Rita of approval request").ShouldBe(1);
        blogging.CountLines("Reminding Rita of approval request").ShouldBe(0);
        output.WriteLine("split layout: the reminder was sent once, by the Approvals process; 0 dead letters");
    }
}
