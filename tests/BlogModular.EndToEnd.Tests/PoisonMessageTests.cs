using System.Text;
using BlogModular.Blogging.Contracts;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace BlogModular.EndToEnd.Tests;

[Collection(HostGroup.Name)]
public sealed class PoisonMessageTests(AppFixture app) : IAsyncLifetime
{
    private Api _reviewer = null!;

    public async Task InitializeAsync() => _reviewer = await app.SignedInAsync("Rita", reviewer: true);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Poison_messages_are_dead_lettered_and_the_good_message_behind_them_is_still_handled()
    {
        var good = new PostSubmitted(Guid.CreateVersion7(), 1, Guid.CreateVersion7(), "Ann", "Behind the poison", "Summary", "general", "Body", DateTimeOffset.UtcNow);
        var key = good.PostId.ToString();
        var deadBefore = await app.ScalarAsync<long>("select count(*) from wolverine.wolverine_dead_letters");

        // Straight onto the topic with a plain producer, on the good message's partition (same key), ahead of it:
        // raw bytes without any header, broken JSON of a known type, and a type nobody handles.
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = app.Bootstrap }).Build())
        {
            await producer.ProduceAsync(BloggingTopics.BlogCreation, new Message<string, byte[]> { Key = key, Value = [0xde, 0xad, 0xbe, 0xef] });
            await producer.ProduceAsync(BloggingTopics.BlogCreation, new Message<string, byte[]>
            {
                Key = key,
                Value = Encoding.UTF8.GetBytes("{\"postId\": \"not a guid\", "),
                Headers = new Headers { { "message-type", Encoding.UTF8.GetBytes("blogging.post-submitted.V2") }, { "content-type", Encoding.UTF8.GetBytes("application/json") } },
            });
            await producer.ProduceAsync(BloggingTopics.BlogCreation, new Message<string, byte[]>
            {
                Key = key,
                Value = Encoding.UTF8.GetBytes("{}"),
                Headers = new Headers { { "message-type", Encoding.UTF8.GetBytes("nobody.knows-this.V1") }, { "content-type", Encoding.UTF8.GetBytes("application/json") } },
            });
        }

        await using (var scope = app.Host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(good);
        }

        var request = await _reviewer.WaitForApprovalRequestAsync(good.PostId);
        request.Title.ShouldBe("Behind the poison");
        await Testing.Eventually.HoldsAsync(
            async () => await app.ScalarAsync<long>("select count(*) from wolverine.wolverine_dead_letters") >= deadBefore + 3,
            TimeSpan.FromSeconds(30), "the poison messages in the dead letters");
    }
}
