using System.Security.Claims;
using System.Text.Json;
using Npgsql;

namespace BlogModular.Bench.Bare;

/// <summary>The body the host's POST /api/posts takes (summary left out: the bench sends none).</summary>
internal sealed record CreatePostRequest(string? Title, string? Category, string? Content);

/// <summary>What travels on the topic, and what the endpoint answers.</summary>
internal sealed record PostSubmitted(Guid PostId, string Author, string Title, string Category, string Content, DateTimeOffset SubmittedAt);

internal static class CreatePost
{
    // The host's limits.
    private const int TitleMax = 200;
    private const int CategoryMax = 64;
    private const int ContentMax = 100_000;

    /// <summary>The post and its outbox row in one transaction; the relay is woken after the commit.</summary>
    public static async Task<IResult> HandleAsync(
        CreatePostRequest? request, ClaimsPrincipal user, NpgsqlDataSource db, OutboxSignal signal, CancellationToken cancellationToken)
    {
        if (Problems(request) is { Count: > 0 } problems)
        {
            return Results.ValidationProblem(problems);
        }

        var post = new PostSubmitted(
            Guid.CreateVersion7(), user.Identity!.Name!, request!.Title!.Trim(), request.Category!.Trim(), request.Content!, DateTimeOffset.UtcNow);
        await using (var connection = await db.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await using var batch = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand(
                        "INSERT INTO bare.posts (id, author, title, category, content, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
                    {
                        Parameters =
                        {
                            new() { Value = post.PostId }, new() { Value = post.Author }, new() { Value = post.Title },
                            new() { Value = post.Category }, new() { Value = post.Content }, new() { Value = post.SubmittedAt },
                        },
                    },
                    new NpgsqlBatchCommand("INSERT INTO bare.outbox (post_id, payload) VALUES ($1, $2)")
                    {
                        Parameters = { new() { Value = post.PostId }, new() { Value = JsonSerializer.SerializeToUtf8Bytes(post, Json.Options) } },
                    },
                },
            };
            await batch.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        signal.Notify();
        return Results.Created($"/api/posts/{post.PostId}", post);
    }

    private static Dictionary<string, string[]> Problems(CreatePostRequest? request)
    {
        var problems = new Dictionary<string, string[]>();
        if (request is null)
        {
            problems["body"] = ["A JSON body is required."];
            return problems;
        }

        Check("title", request.Title, TitleMax);
        Check("category", request.Category, CategoryMax);
        Check("content", request.Content, ContentMax);
        return problems;

        void Check(string field, string? value, int max)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems[field] = [$"'{field}' is required."];
            }
            else if (value.Length > max)
            {
                problems[field] = [$"'{field}' must be at most {max} characters."];
            }
        }
    }
}

internal static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
