using System.Security.Claims;
using BlogModular.Bench.Bare;
using Confluent.Kafka;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Npgsql;

// The create → approval-request flow with Npgsql and Confluent.Kafka only: POST /api/posts saves the post and an
// outbox row in one transaction; a relay sends outbox rows and deletes them after the broker's ack; a consumer stores
// the approval request (deduplicated by post id) and commits its offsets after the database commit. ./bench.sh (P8)
// compares the host with it on the same PostgreSQL, broker, request body and load generator.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var settings = BareSettings.From(builder.Configuration);
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(settings.ConnectionString));
builder.Services.AddSingleton<OutboxSignal>();
builder.Services.AddSingleton(_ => new ProducerBuilder<string, byte[]>(new ProducerConfig
{
    BootstrapServers = settings.BootstrapServers,
    // As the host's producers: every in-sync replica acknowledges, no duplicates from retries, no linger.
    Acks = Acks.All,
    EnableIdempotence = true,
    LingerMs = 0,
    ReconnectBackoffMaxMs = 1000,
}).Build());
builder.Services.AddHostedService<OutboxRelay>();
builder.Services.AddHostedService<ApprovalConsumer>();
// The host's API authenticates a bearer token from ASP.NET Core's bearer-token handler (through Identity) on every
// create; this one validates the same kind of token, so both pay the same authentication cost per request.
builder.Services.AddAuthentication(BearerTokenDefaults.AuthenticationScheme).AddBearerToken();
builder.Services.AddAuthorization();

var app = builder.Build();
await Schema.CreateAsync(app.Services.GetRequiredService<NpgsqlDataSource>());
var partitions = await Schema.CreateTopicAsync(settings, app.Logger);
app.Logger.LogWarning("Bare pattern ready: topic {Topic} with {Partitions} partitions, consumer group {Group}", settings.Topic, partitions, BareSettings.ConsumerGroup);

app.UseAuthentication();
app.UseAuthorization();
app.MapGet("/health/ready", () => Results.Ok());
// Any e-mail signs in, with no password check: signing in is outside every measured interval. The display name is
// the address's local part, which is how the driver tags and counts a run's posts (as with the host's accounts).
app.MapPost("/api/auth/login", (Login login) =>
    string.IsNullOrWhiteSpace(login.Email)
        ? Results.ValidationProblem(new Dictionary<string, string[]> { ["email"] = ["'email' is required."] })
        : Results.SignIn(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, login.Email.Split('@')[0])], BearerTokenDefaults.AuthenticationScheme)),
            authenticationScheme: BearerTokenDefaults.AuthenticationScheme));
app.MapPost("/api/posts", CreatePost.HandleAsync).RequireAuthorization();
await app.RunAsync();

internal sealed record Login(string? Email, string? Password);
