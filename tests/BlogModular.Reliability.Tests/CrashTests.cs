using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BlogModular.Testing;
using Xunit.Abstractions;

namespace BlogModular.Reliability.Tests;

/// <summary>
/// The host is SIGKILLed in the middle of a burst of creates and started again on the same database and broker:
/// every saved post (answered 201 or not) ends up with exactly one approval request, and no request exists
/// for a post that was not saved.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Counts are configurable upward for longer local runs.
    private static readonly int Posts = int.TryParse(Environment.GetEnvironmentVariable("RELIABILITY_CRASH_POSTS"), out var p) ? p : 1000;
    private static readonly int InFlight = int.TryParse(Environment.GetEnvironmentVariable("RELIABILITY_CRASH_IN_FLIGHT"), out var f) ? f : 32;

    private RestartableHost _system = null!;

    public async Task InitializeAsync() => _system = await RestartableHost.StartAsync();

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task After_a_sigkill_under_load_every_saved_post_has_exactly_one_approval_request_and_no_request_lacks_its_post()
    {
        var host = await _system.StartHostAsync("host");
        using var client = host.CreateClient();
        // A guard against a hanging request; a killed server resets or refuses at once.
        client.Timeout = TimeSpan.FromSeconds(60);
        var http = await client.SignInAsync(RestartableHost.AuthorEmail);

        var created = new ConcurrentBag<Guid>();
        var otherAnswers = new ConcurrentBag<HttpStatusCode>();
        var connectionFailures = new ConcurrentBag<HttpRequestError>();
        var answered = 0;
        var halfAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var load = Parallel.ForEachAsync(Enumerable.Range(0, Posts), new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (i, cancellationToken) =>
        {
            try
            {
                using var response = await http.PostAsJsonAsync("/api/posts", new { title = $"Crash {i}", category = "general", content = "c" }, cancellationToken);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    created.Add((await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!["id"]!.GetValue<Guid>());
                }
                else
                {
                    otherAnswers.Add(response.StatusCode);
                }

                if (Interlocked.Increment(ref answered) >= Posts / 2)
                {
                    halfAnswered.TrySetResult();
                }
            }
            catch (HttpRequestException e)
            {
                // In flight when the process died (reset, response ended), or sent after it (refused).
                connectionFailures.Add(e.HttpRequestError);
            }
        });

        await Task.WhenAny(halfAnswered.Task, load);
        await host.KillAsync();
        var answeredBeforeKill = created.Count;
        await load;
        var ids = created.ToArray();

        var (outboxAtKill, inboxAtKill, waitingAtKill) = (await _system.OutboxAsync(), await _system.InboxAsync(), await _system.PostsWithoutRequestAsync());

        var restart = Stopwatch.StartNew();
        await _system.StartHostAsync("host-restarted");
        var ready = restart.Elapsed;
        await Eventually.HoldsAsync(async () => await _system.PostsWithoutRequestAsync() == 0,
            TimeSpan.FromSeconds(180), "an approval request for every saved post");
        var converged = restart.Elapsed;

        var posts = await _system.PostsAsync();
        var requests = await _system.RequestsAsync();
        output.WriteLine($"{Posts} creates, {InFlight} in flight; SIGKILL after {answeredBeforeKill} answered 201 " +
                         $"({ids.Length} 201s in all, {otherAnswers.Count} other answers); {connectionFailures.Count} connection failures (" +
                         string.Join(", ", connectionFailures.GroupBy(e => e).Select(g => $"{g.Key}: {g.Count()}")) + ")");
        output.WriteLine($"left by the kill: {waitingAtKill} posts without a request, {outboxAtKill} envelopes in the outbox, {inboxAtKill} unhandled in the inbox");
        output.WriteLine($"{posts} posts in the database ({posts - ids.Length} saved without a 201 seen), {requests} approval requests; " +
                         $"restarted host ready after {ready.TotalSeconds:0.0} s, every post had its request {converged.TotalSeconds:0.0} s after the restart");

        otherAnswers.ShouldBeEmpty("every answer was a 201: no 5xx before the kill");
        (await _system.PostsAmongAsync(ids)).ShouldBe(ids.Length, "every 201 was saved");
        (await _system.PostsWithOneRequestAmongAsync(ids)).ShouldBe(ids.Length, "every 201 post has exactly one approval request");
        (await _system.PostsWithoutExactlyOneRequestAsync()).ShouldBe(0, "every saved post, 201 seen or not, has exactly one approval request");
        (await _system.RequestsWithoutPostAsync()).ShouldBe(0, "no approval request for a post that was not saved");
        (await _system.DuplicateRequestsAsync()).ShouldBe(0, "no duplicate approval request");
        (posts - ids.Length).ShouldBeLessThanOrEqualTo(connectionFailures.Count, "only a request cut by the kill may have saved a post without a 201");
    }
}
