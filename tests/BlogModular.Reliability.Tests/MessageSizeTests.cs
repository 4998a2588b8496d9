using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Alba;
using BlogModular.Blogging.Contracts;
using BlogModular.Blogging.Features.Posts;
using BlogModular.BuildingBlocks.Messaging;
using BlogModular.DevTools;
using BlogModular.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;
using Xunit.Abstractions;

namespace BlogModular.Reliability.Tests;

/// <summary>
/// Kafka's message size limit (<see cref="MessageSizeLimit.Setting"/>) set below what a post at the maximum length
/// needs, so both defences show: the API refuses such a post up front, and the outbox sender dead-letters a message
/// that still does not fit instead of retrying it for ever ahead of the others. Its own host, cluster and broker.
/// </summary>
public sealed class MessageSizeTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Below a post of <see cref="SubmitPostHandler.ContentMax"/> characters (about 100 kB as JSON).</summary>
    private const int MaxMessageBytes = 64 * 1024;

    private const string Reviewer = "rita@example.test";

    private PostgresServer _postgres = null!;
    private EmbeddedKafkaBroker _broker = null!;
    private IAlbaHost _host = null!;

    public async Task InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        _broker = EmbeddedKafkaBroker.Start();
        foreach (var topic in BlogModular.Host.Modules.Topics)
        {
            _broker.CreateTopic(topic, 3);
        }

        var logins = new DatabaseLogins(_postgres.ConnectionString, BlogModular.Host.Modules.All.Select(m => m.ConnectionStringName));
        await logins.MigrateAsync(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Kafka__BootstrapServers"] = _broker.BootstrapServers, ["Kafka__AutoProvision"] = "false" });
        _host = await AlbaHost.For<Program>(web => web
            .UseEnvironment("Development")
            .UseSettings(logins.Settings())
            .UseSetting("Kafka:BootstrapServers", _broker.BootstrapServers)
            .UseSetting("Kafka:AutoProvision", "false")
            .UseSetting(MessageSizeLimit.Setting, MaxMessageBytes.ToString())
            .UseSetting("Mail:PickupDirectory", Directory.CreateTempSubdirectory("blogmodular-mail-").FullName));
        await TestAccounts.AddUserAsync(new Dictionary<string, string>(logins.Environment())
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Kafka__BootstrapServers"] = _broker.BootstrapServers,
            ["Kafka__AutoProvision"] = "false",
        }, Reviewer, "Rita", reviewer: true);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _broker.Dispose();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task A_post_at_the_maximum_size_over_the_message_limit_is_refused_with_400_and_nothing_is_saved()
    {
        var http = await _host.Server.CreateClient().SignInAsync(Reviewer);
        var title = $"Too large {Guid.NewGuid():N}";

        var response = await http.PostAsJsonAsync(PostRoutes.Posts, new { title, category = "general", content = new string('x', SubmitPostHandler.ContentMax) });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["content"]![0]!.GetValue<string>();
        output.WriteLine($"400 for a post of {SubmitPostHandler.ContentMax:N0} characters with {MessageSizeLimit.Setting} = {MaxMessageBytes:N0}: {error}");
        error.ShouldContain("too large to send for review");
        (await ScalarAsync<long>($"select count(*) from blogging.posts where title = '{title}'")).ShouldBe(0);
    }

    [Fact]
    public async Task A_message_over_the_limit_in_the_outbox_is_dead_lettered_with_a_readable_error_and_later_posts_keep_flowing()
    {
        var http = await _host.Server.CreateClient().SignInAsync(Reviewer);
        // Past the API's check, as a message whose size the API could not foresee would be: straight into the outbox.
        var oversized = new PostSubmitted(Guid.CreateVersion7(), 1, Guid.CreateVersion7(), "Ann", "Oversized", "Summary", "general",
            new string('x', SubmitPostHandler.ContentMax), DateTimeOffset.UtcNow);
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(oversized);
        }

        var error = await Eventually.GetAsync(() => ScalarAsync<string?>(
                "select exception_message from wolverine.wolverine_dead_letters where exception_type like '%MessageTooLargeForKafka%'"),
            TimeSpan.FromSeconds(30), "the oversized message in the dead letters");
        error.ShouldContain(MessageSizeLimit.Setting);
        error.ShouldContain("blogging.post-submitted.V2");
        // The sender dead-letters the envelope, then completes it: the row leaves the outbox a moment after the dead letter appears.
        await Eventually.HoldsAsync(async () => await ScalarAsync<long>("select count(*) from wolverine.wolverine_outgoing_envelopes") == 0,
            TimeSpan.FromSeconds(10), "nothing left in the outbox to send again");

        var later = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var created = await http.PostAsJsonAsync(PostRoutes.Posts, new { title = $"After the oversized one {i}", category = "general", content = "c" });
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
            later.Add((await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>());
        }

        foreach (var postId in later)
        {
            await Eventually.HoldsAsync(async () => await ScalarAsync<long>($"select count(*) from approvals.approval_requests where post_id = '{postId}'") == 1,
                TimeSpan.FromSeconds(30), "the later post in review");
        }

        (await ScalarAsync<long>($"select count(*) from approvals.approval_requests where post_id = '{oversized.PostId}'")).ShouldBe(0);
        (await ScalarAsync<long>("select count(*) from wolverine.wolverine_dead_letters where exception_type like '%MessageTooLargeForKafka%'"))
            .ShouldBe(1, "dead-lettered once, not sent again and dead-lettered anew");
        output.WriteLine($"dead-lettered: {error}");
        output.WriteLine($"{later.Count} posts created after it all reached review; 0 envelopes left in the outbox");
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(_postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
