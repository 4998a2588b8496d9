using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BlogModular.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace BlogModular.Reliability.Tests;

/// <summary>
/// The Approvals module moves out of the all-in-one host into a process of its own, and back, under create load and
/// without stopping the service: every post gets exactly one approval request, and the pause in request creation
/// that each move causes is measured and printed (the runbook is in docs/deployment.md).
/// </summary>
public sealed class MoveModuleLiveTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Counts are configurable upward for longer local runs.
    private static readonly int Workers = int.TryParse(Environment.GetEnvironmentVariable("RELIABILITY_WORKERS"), out var w) ? w : 4;
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("RELIABILITY_MOVE_PHASE_SECONDS"), out var s) ? s : 4);

    private static readonly Dictionary<string, string> ApprovalsOnly = new() { ["Modules__Blogging__Enabled"] = "false" };
    private static readonly Dictionary<string, string> WithoutApprovals = new() { ["Modules__Approvals__Enabled"] = "false" };

    private RestartableHost _system = null!;

    public async Task InitializeAsync() => _system = await RestartableHost.StartAsync();

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Approvals_moves_to_its_own_process_and_back_under_load_with_no_post_lost_or_duplicated()
    {
        var allInOne = await _system.StartHostAsync("all-in-one");
        var front = await allInOne.CreateClient().SignInAsync(RestartableHost.AuthorEmail);
        var created = new ConcurrentBag<Guid>();
        var otherAnswers = new ConcurrentBag<string>();
        var moves = new List<(string Move, DateTimeOffset At)>();
        using var stop = new CancellationTokenSource();

        var load = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    using var response = await Volatile.Read(ref front).PostAsJsonAsync(
                        "/api/posts", new { title = $"Move {worker}-{i}", category = "general", content = "c" });
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        created.Add((await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>());
                    }
                    else
                    {
                        otherAnswers.Add(response.StatusCode.ToString());
                    }
                }
                catch (HttpRequestException e)
                {
                    // The process this request went to stopped before it answered; whether it saved the post is
                    // settled below from the database, which must hold a request for every post it has.
                    otherAnswers.Add(e.HttpRequestError.ToString());
                }
            }
        })).ToList();

        await Task.Delay(Phase);

        // 1. An Approvals-only process joins the Approvals consumer group beside the all-in-one.
        moves.Add(("Approvals-only process starting", DateTimeOffset.UtcNow));
        var approvalsProcess = await _system.StartHostAsync("approvals-only", ApprovalsOnly);
        moves.Add(("Approvals-only process ready", DateTimeOffset.UtcNow));
        await Task.Delay(Phase);

        // 2. The all-in-one restarts without Approvals: the new process takes the traffic, then the old one stops.
        var withoutApprovals = await _system.StartHostAsync("all-in-one-without-approvals", WithoutApprovals);
        Volatile.Write(ref front, await withoutApprovals.CreateClient().SignInAsync(RestartableHost.AuthorEmail));
        moves.Add(("all-in-one stopping (Approvals now only in its own process)", DateTimeOffset.UtcNow));
        await allInOne.StopAsync();
        moves.Add(("all-in-one stopped", DateTimeOffset.UtcNow));
        await Task.Delay(Phase);

        // 3. And back: an all-in-one with Approvals again, then the other two stop.
        var allInOneAgain = await _system.StartHostAsync("all-in-one-again");
        Volatile.Write(ref front, await allInOneAgain.CreateClient().SignInAsync(RestartableHost.AuthorEmail));
        moves.Add(("Approvals-only process stopping (Approvals back in the all-in-one)", DateTimeOffset.UtcNow));
        await approvalsProcess.StopAsync();
        await withoutApprovals.StopAsync();
        moves.Add(("Approvals-only process and all-in-one without Approvals stopped", DateTimeOffset.UtcNow));
        await Task.Delay(Phase);

        await stop.CancelAsync();
        await Task.WhenAll(load);
        var ids = created.ToArray();
        var drain = Stopwatch.StartNew();
        await Eventually.HoldsAsync(async () => await _system.PostsWithoutRequestAsync() == 0, TimeSpan.FromSeconds(120), "an approval request for every post");

        var requestTimes = await RequestTimesAsync();
        var gaps = requestTimes.Zip(requestTimes.Skip(1), (a, b) => (From: a, Pause: b - a)).ToList();
        var longest = gaps.MaxBy(g => g.Pause);
        output.WriteLine($"{ids.Length} posts answered 201 from {Workers} workers; other answers: " +
                         (otherAnswers.IsEmpty ? "none" : string.Join(", ", otherAnswers.GroupBy(a => a).Select(g => $"{g.Key} ×{g.Count()}"))) +
                         $"; {await _system.PostsAsync()} posts saved, {await _system.RequestsAsync()} approval requests, the last {drain.ElapsedMilliseconds} ms after the load stopped");
        foreach (var (move, at) in moves)
        {
            var around = gaps.Where(g => g.From >= at - TimeSpan.FromSeconds(1) && g.From <= at + Phase).Select(g => g.Pause).DefaultIfEmpty().Max();
            output.WriteLine($"  {move}: longest pause between two new requests within {Phase.TotalSeconds:0} s after it: {around.TotalMilliseconds:0} ms");
        }

        output.WriteLine($"longest pause in request creation over the whole run: {longest.Pause.TotalMilliseconds:0} ms, from {longest.From:HH:mm:ss.fff}");

        (await _system.PostsAmongAsync(ids)).ShouldBe(ids.Length, "every post answered 201 is saved");
        (await _system.PostsWithoutExactlyOneRequestAsync()).ShouldBe(0, "0 lost, 0 duplicated: every saved post has exactly one request");
        (await _system.RequestsWithoutPostAsync()).ShouldBe(0);
        (await _system.DuplicateRequestsAsync()).ShouldBe(0);
        // Acknowledgements of the last requests may still be on their way; none may stay unhandled.
        await Eventually.HoldsAsync(async () => await _system.InboxAsync() == 0, TimeSpan.FromSeconds(120), "nothing left unhandled in the inbox");
        otherAnswers.Count(a => a is not (nameof(HttpRequestError.ConnectionError) or nameof(HttpRequestError.ResponseEnded))).ShouldBe(0, "no error answers");
    }

    private async Task<List<DateTimeOffset>> RequestTimesAsync()
    {
        await using var connection = new NpgsqlConnection(_system.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select requested_at from approvals.approval_requests order by requested_at", connection);
        var times = new List<DateTimeOffset>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            times.Add(reader.GetFieldValue<DateTimeOffset>(0));
        }

        return times;
    }
}
