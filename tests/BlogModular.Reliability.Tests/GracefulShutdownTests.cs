using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using BlogModular.Testing;
using Xunit.Abstractions;

namespace BlogModular.Reliability.Tests;

/// <summary>
/// SIGTERM under steady create load, as a container runtime stops a process on a redeploy: requests already
/// started complete, later ones are refused cleanly, the process exits with 0 within the host's shutdown timeout,
/// and after a restart every post has exactly one approval request.
/// </summary>
public sealed class GracefulShutdownTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Counts are configurable upward for longer local runs.
    private static readonly int Workers = int.TryParse(Environment.GetEnvironmentVariable("RELIABILITY_WORKERS"), out var w) ? w : 8;
    private static readonly int PostsBeforeStop = int.TryParse(Environment.GetEnvironmentVariable("RELIABILITY_SHUTDOWN_POSTS"), out var p) ? p : 300;

    // ASP.NET Core's default HostOptions.ShutdownTimeout; the host does not change it.
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    private RestartableHost _system = null!;

    public async Task InitializeAsync() => _system = await RestartableHost.StartAsync();

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Sigterm_under_load_completes_started_requests_exits_0_and_loses_no_approval_request()
    {
        var host = await _system.StartHostAsync("host");
        using var client = host.CreateClient();
        // A guard against a hanging request, above the shutdown timeout.
        client.Timeout = ShutdownTimeout + TimeSpan.FromSeconds(30);
        var http = await client.SignInAsync(RestartableHost.AuthorEmail);

        var clock = Stopwatch.StartNew();
        var sigtermAt = TimeSpan.MaxValue;
        var outcomes = new ConcurrentBag<Outcome>();
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var started = clock.Elapsed;
                try
                {
                    using var response = await http.PostAsJsonAsync("/api/posts", new { title = $"Shutdown {worker}-{i}", category = "general", content = "c" });
                    var id = response.StatusCode == HttpStatusCode.Created
                        ? (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>()
                        : (Guid?)null;
                    outcomes.Add(new Outcome(started, clock.Elapsed, response.StatusCode, id, Error: null));
                }
                catch (HttpRequestException e)
                {
                    outcomes.Add(new Outcome(started, clock.Elapsed, Status: null, Id: null, e));
                    // The listener is gone for this worker: nothing more to send.
                    return;
                }
            }
        })).ToList();

        await Eventually.HoldsAsync(() => Task.FromResult(outcomes.Count >= PostsBeforeStop), TimeSpan.FromSeconds(120), $"{PostsBeforeStop} posts before SIGTERM");
        sigtermAt = clock.Elapsed;
        await host.TerminateAsync();
        // Within the shutdown timeout, plus a little for the runtime itself to exit.
        var exitCode = await host.WaitForExitAsync(ShutdownTimeout + TimeSpan.FromSeconds(5));
        var exitAfter = clock.Elapsed - sigtermAt;
        await stop.CancelAsync();
        await Task.WhenAll(load);
        var (outboxAtExit, inboxAtExit, waitingAtExit) = (await _system.OutboxAsync(), await _system.InboxAsync(), await _system.PostsWithoutRequestAsync());

        var restart = Stopwatch.StartNew();
        await _system.StartHostAsync("host-restarted");
        var ready = restart.Elapsed;
        await Eventually.HoldsAsync(async () => await _system.PostsWithoutRequestAsync() == 0,
            TimeSpan.FromSeconds(180), "an approval request for every saved post");
        var converged = restart.Elapsed;

        var all = outcomes.ToList();
        var ids = all.Where(o => o.Id is not null).Select(o => o.Id!.Value).ToArray();
        var inFlight = all.Where(o => o.Started < sigtermAt).Where(o => o.Finished > sigtermAt).ToList();
        var later = all.Where(o => o.Started >= sigtermAt).ToList();
        var posts = await _system.PostsAsync();
        var requests = await _system.RequestsAsync();
        output.WriteLine($"{Workers} workers; SIGTERM after {all.Count(o => o.Finished <= sigtermAt)} answers; {inFlight.Count} requests in flight at SIGTERM, " +
                         $"{inFlight.Count(o => o.Status == HttpStatusCode.Created)} of them completed 201 after it; of {later.Count} sent after it: " +
                         $"{later.Count(o => o.Status is not null)} answered, {later.Count(o => o.Error is not null && IsRefused(o.Error))} refused, " +
                         $"{later.Count(o => o.Error is not null && !IsRefused(o.Error))} found their kept-alive connection closed");
        output.WriteLine($"exit code {exitCode} {exitAfter.TotalSeconds:0.00} s after SIGTERM; at exit {outboxAtExit} envelopes in the outbox, {inboxAtExit} unhandled in the inbox, " +
                         $"{waitingAtExit} posts without a request; {posts} posts, {ids.Length} answered 201, {requests} approval requests, " +
                         $"restarted host ready after {ready.TotalSeconds:0.0} s, all requests there {converged.TotalSeconds:0.0} s after the restart");

        exitCode.ShouldBe(0, host.Tail());
        all.Where(o => o.Status is not null).ShouldAllBe(o => o.Status == HttpStatusCode.Created, "every answer was a 201, no 5xx");
        inFlight.ShouldAllBe(o => o.Status == HttpStatusCode.Created, "a request started before SIGTERM is completed, never cut");
        // Sent after SIGTERM, a request is refused or meets its idle kept-alive connection closed by Kestrel before
        // any answer (the usual HTTP keep-alive race): the client knows it was not taken, and nothing was saved.
        posts.ShouldBe(ids.Length, "every saved post was answered 201: no request was cut after its save");
        (await _system.PostsWithoutExactlyOneRequestAsync()).ShouldBe(0, "every post has exactly one approval request");
        (await _system.RequestsWithoutPostAsync()).ShouldBe(0, "no approval request without its post");
        (await _system.DuplicateRequestsAsync()).ShouldBe(0, "no duplicate approval request");
    }

    private static bool IsRefused(HttpRequestException error) =>
        error.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused };

    private sealed record Outcome(TimeSpan Started, TimeSpan Finished, HttpStatusCode? Status, Guid? Id, HttpRequestException? Error);
}
