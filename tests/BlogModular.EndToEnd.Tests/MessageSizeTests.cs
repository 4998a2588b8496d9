using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BlogModular.Blogging.Contracts;
using BlogModular.Blogging.Features.Posts;
using BlogModular.BuildingBlocks.Messaging;
using BlogModular.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Xunit.Abstractions;

namespace BlogModular.EndToEnd.Tests;

/// <summary>
/// The host with Kafka's message size limit (<see cref="MessageSizeLimit.Setting"/>) below what a post at the maximum
/// length needs, so both defences show: the API refuses such a post, and the outbox sender dead-letters a message
/// that still does not fit instead of retrying it forever ahead of the others.
/// </summary>
public sealed class SmallMessagesFixture : AppFixture
{
    /// <summary>Below a post of <see cref="SubmitPostHandler.ContentMax"/> characters (about 100 kB as JSON).</summary>
    public const int MaxMessageBytes = 64 * 1024;

    protected override void Configure(IWebHostBuilder web) => web.UseSetting(MessageSizeLimit.Setting, MaxMessageBytes.ToString());
}

[CollectionDefinition(Name)]
public sealed class SmallMessagesGroup : ICollectionFixture<SmallMessagesFixture>
{
    public const string Name = "small-messages";
}

[Collection(SmallMessagesGroup.Name)]
public sealed class MessageSizeTests(SmallMessagesFixture app, ITestOutputHelper output) : IAsyncLifetime
{
    private Api _author = null!;
    private Api _reviewer = null!;

    public async Task InitializeAsync()
    {
        _author = await app.SignedInAsync("Ann");
        _reviewer = await app.SignedInAsync("Rita", reviewer: true);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_post_at_the_maximum_size_over_the_message_limit_is_refused_with_400_and_nothing_is_saved()
    {
        var title = $"Too large {Guid.NewGuid():N}";
        var response = await _author.Http.PostAsJsonAsync(PostRoutes.Posts,
            new { title, category = "general", content = new string('x', SubmitPostHandler.ContentMax) });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var error = problem["errors"]!["content"]![0]!.GetValue<string>();
        output.WriteLine($"400 for a post of {SubmitPostHandler.ContentMax:N0} characters with {MessageSizeLimit.Setting} = {SmallMessagesFixture.MaxMessageBytes:N0}: {error}");
        error.ShouldContain("too large to send for review");
        (await app.ScalarAsync<long>("select count(*) from blogging.posts where title = $1", title)).ShouldBe(0);
    }

    [Fact]
    public async Task A_message_over_the_limit_in_the_outbox_is_dead_lettered_with_a_readable_error_and_later_posts_keep_flowing()
    {
        // Past the API's check, as a message whose size the API could not foresee would be: straight into the outbox.
        var oversized = new PostSubmitted(Guid.CreateVersion7(), 1, Guid.CreateVersion7(), "Ann", "Oversized", "Summary", "general",
            new string('x', SubmitPostHandler.ContentMax), DateTimeOffset.UtcNow);
        await using (var scope = app.Host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(oversized);
        }

        var error = await Eventually.GetAsync(() => app.ScalarAsync<string?>(
                $"select exception_message from wolverine.wolverine_dead_letters where exception_type like '%MessageTooLargeForKafka%' and convert_from(body, 'UTF8') like '%{oversized.PostId}%'"),
            Api.MessageTimeout, "the oversized message in the dead letters");
        error.ShouldContain(MessageSizeLimit.Setting);
        error.ShouldContain("blogging.post-submitted.V2");
        (await app.ScalarAsync<long>("select count(*) from wolverine.wolverine_outgoing_envelopes where message_type = 'blogging.post-submitted.V2'"))
            .ShouldBe(0, "nothing left in the outbox to send again");

        var later = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            later.Add((await _author.CreatePostAsync(title: $"After the oversized one {i}")).Id);
        }

        foreach (var postId in later)
        {
            (await _reviewer.WaitForApprovalRequestAsync(postId)).Revision.ShouldBe(1);
        }

        output.WriteLine($"dead-lettered: {error}");
        output.WriteLine($"{later.Count} posts created after it all reached review");
    }
}
