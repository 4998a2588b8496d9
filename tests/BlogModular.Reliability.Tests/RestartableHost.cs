using BlogModular.DevTools;
using BlogModular.Testing;
using Npgsql;

namespace BlogModular.Reliability.Tests;

/// <summary>
/// The all-in-one host as an OS process that a test can kill or stop and start again on the same PostgreSQL
/// and the same stand-alone embedded broker (its own process too, or the test's own when the test takes it down and
/// up, so it outlives the host with every record it holds), as a crash or a redeploy would leave them.
/// </summary>
public sealed class RestartableHost : IAsyncDisposable
{
    public const string AuthorEmail = "ann@example.test";

    public const string ReviewerEmail = "rita@example.test";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly List<HostProcess> _processes = [];
    private readonly PostgresServer _postgres;
    private readonly Dictionary<string, string> _environment;
    private readonly EmbeddedKafkaBroker? _broker;

    private RestartableHost(PostgresServer postgres, HostProcess? brokerProcess, EmbeddedKafkaBroker? broker, string bootstrap, DatabaseLogins logins)
    {
        _postgres = postgres;
        _broker = broker;
        if (brokerProcess is not null)
        {
            _processes.Add(brokerProcess);
        }

        _environment = new Dictionary<string, string>(logins.Environment())
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Kafka__BootstrapServers"] = bootstrap,
            ["Kafka__AutoProvision"] = "false",
            ["Mail__PickupDirectory"] = Path.Combine(Path.GetTempPath(), "blogmodular-reliability-mail"),
            ["Accounts__RateLimit__PermitLimit"] = "100000",
            // Load from one author: the per-author limit on writing posts would answer 429 (it has tests of its own).
            ["RateLimits__Writing__PermitLimit"] = "100000000",
            // The self-healing re-announcement must not mask a loss: an hour is far beyond any test's deadline,
            // so every approval request these tests wait for was delivered by the outbox (and inbox) alone.
            ["Blogging__Reannouncement__After"] = "01:00:00",
        };
    }

    /// <summary>The broker, when it runs in the test's process (<c>brokerInTest</c>), for the test to take down and up.</summary>
    public EmbeddedKafkaBroker Broker => _broker ?? throw new InvalidOperationException("The broker runs in a process of its own.");

    /// <param name="settings">More settings for every host process, as environment variables (<c>Section__Key</c>).</param>
    /// <param name="brokerInTest">Runs the broker in the test's process, so the test can take it down (<see cref="Broker"/>).</param>
    public static async Task<RestartableHost> StartAsync(IReadOnlyDictionary<string, string>? settings = null, bool brokerInTest = false)
    {
        var postgres = await PostgresServer.StartAsync();
        HostProcess? brokerProcess = null;
        EmbeddedKafkaBroker? broker = null;
        string bootstrap;
        if (brokerInTest)
        {
            broker = EmbeddedKafkaBroker.Start();
            foreach (var topic in BlogModular.Host.Modules.Topics)
            {
                broker.CreateTopic(topic, 3);
            }

            bootstrap = broker.BootstrapServers;
        }
        else
        {
            (brokerProcess, bootstrap) = await HostProcess.StartEmbeddedBrokerAsync(StartTimeout);
        }

        var logins = new DatabaseLogins(postgres.ConnectionString, BlogModular.Host.Modules.All.Select(m => m.ConnectionStringName));
        await logins.MigrateAsync(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Kafka__BootstrapServers"] = bootstrap, ["Kafka__AutoProvision"] = "false" });
        var host = new RestartableHost(postgres, brokerProcess, broker, bootstrap, logins);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            host._environment[key] = value;
        }

        await TestAccounts.AddUserAsync(host._environment, AuthorEmail, "Ann", reviewer: false);
        return host;
    }

    /// <summary>Adds the reviewer <see cref="ReviewerEmail"/> (Rita) for the tests that review.</summary>
    public Task AddReviewerAsync() => TestAccounts.AddUserAsync(_environment, ReviewerEmail, "Rita", reviewer: true);

    /// <summary>Starts one more host process on a free port and waits until it is ready.</summary>
    /// <param name="settings">Settings of this process only, over the shared ones (e.g. which modules it runs).</param>
    public async Task<HostProcess> StartHostAsync(string name, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>(_environment);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var process = HostProcess.Start(name, environment, HostProcess.FreePort());
        _processes.Add(process);
        await process.WaitUntilReadyAsync(StartTimeout);
        return process;
    }

    public string ConnectionString => _postgres.ConnectionString;

    public Task<long> PostsAsync() => CountAsync("select count(*) from blogging.posts");

    public Task<long> RequestsAsync() => CountAsync("select count(*) from approvals.approval_requests");

    /// <summary>Of <paramref name="ids"/>, the posts that exist.</summary>
    public Task<long> PostsAmongAsync(Guid[] ids) => CountAsync("select count(*) from blogging.posts where id = any($1)", ids);

    /// <summary>Of <paramref name="ids"/>, the posts with exactly one approval request.</summary>
    public Task<long> PostsWithOneRequestAmongAsync(Guid[] ids) => CountAsync(
        "select count(*) from blogging.posts p where p.id = any($1) and (select count(*) from approvals.approval_requests r where r.post_id = p.id) = 1", ids);

    /// <summary>Saved posts with no approval request yet.</summary>
    public Task<long> PostsWithoutRequestAsync() => CountAsync(
        "select count(*) from blogging.posts p where not exists (select 1 from approvals.approval_requests r where r.post_id = p.id)");

    /// <summary>Saved posts with none or several approval requests.</summary>
    public Task<long> PostsWithoutExactlyOneRequestAsync() => CountAsync(
        "select count(*) from blogging.posts p where (select count(*) from approvals.approval_requests r where r.post_id = p.id) <> 1");

    /// <summary>Approval requests for a post that was never saved.</summary>
    public Task<long> RequestsWithoutPostAsync() => CountAsync(
        "select count(*) from approvals.approval_requests r where not exists (select 1 from blogging.posts p where p.id = r.post_id)");

    public Task<long> DuplicateRequestsAsync() => CountAsync("select count(*) - count(distinct post_id) from approvals.approval_requests");

    /// <summary>Envelopes still in the durable outbox (waiting to be sent to Kafka).</summary>
    public Task<long> OutboxAsync() => CountAsync("select count(*) from wolverine.wolverine_outgoing_envelopes");

    /// <summary>Envelopes received into the durable inbox and not handled yet (scheduled ones left out).</summary>
    public Task<long> InboxAsync() => CountAsync("select count(*) from wolverine.wolverine_incoming_envelopes where status = 'Incoming'");

    /// <summary>Steps of one kind in an approval request's timeline (<c>approvals.review_steps</c>).</summary>
    public Task<long> ReviewStepsAsync(Guid approvalId, string kind) => CountAsync(
        $"select count(*) from approvals.review_steps where approval_request_id = '{approvalId}' and kind = '{kind}'");

    /// <summary>Reviews whose assignee is still to be reminded (<c>approvals.approval_requests.remind_at</c>).</summary>
    public Task<long> RemindersDueAsync() => CountAsync("select count(*) from approvals.approval_requests where remind_at is not null");

    /// <summary>Envelopes in Wolverine's dead-letter table.</summary>
    public Task<long> DeadLettersAsync() => CountAsync("select count(*) from wolverine.wolverine_dead_letters");

    /// <summary>What the dead-letter table holds, a line per envelope (type, error), for a failure message.</summary>
    public async Task<string> DeadLetterSummaryAsync()
    {
        await using var connection = new NpgsqlConnection(_postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select concat_ws(' ', message_type, exception_type, exception_message) from wolverine.wolverine_dead_letters", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines.Count == 0 ? "(no dead letters)" : string.Join(Environment.NewLine, lines);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            await process.DisposeAsync();
        }

        _broker?.Dispose();
        await _postgres.DisposeAsync();
    }

    private async Task<long> CountAsync(string sql, Guid[]? ids = null)
    {
        await using var connection = new NpgsqlConnection(_postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (ids is not null)
        {
            command.Parameters.AddWithValue(ids);
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }
}
