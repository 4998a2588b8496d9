using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BlogModular.Blogging.Contracts;
using BlogModular.Blogging.Domain;
using BlogModular.Blogging.Persistence;
using BlogModular.BuildingBlocks.Security;
using BlogModular.BuildingBlocks.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.Http;

namespace BlogModular.Blogging.Features.Posts;

/// <summary>
/// Fields are nullable because JSON may omit them; <see cref="SubmitPostEndpoint.Validate"/> rejects that.
/// There is no author field: the author is the signed-in caller.
/// </summary>
public sealed record SubmitPost(string? Title, string? Content);

public static class SubmitPostEndpoint
{
    public const int TitleMax = 200;
    public const int ContentMax = 100_000;
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static ProblemDetails Validate(SubmitPost? command, [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey)
    {
        if (command is null)
        {
            return Validation.BodyRequired();
        }

        var validation = new Validation()
            .Text("title", command.Title, TitleMax)
            .Text("content", command.Content, ContentMax);
        if (idempotencyKey is not null)
        {
            validation.Text(IdempotencyKeyHeader, idempotencyKey, SubmissionKey.KeyMax);
        }

        return validation.ToProblemDetails();
    }

    /// <summary>
    /// Saves the post unpublished and emits <see cref="PostSubmitted"/>. Wolverine's transactional middleware
    /// commits the row, the idempotency key and the outgoing envelope in one PostgreSQL transaction (the durable
    /// outbox). A retry with the same Idempotency-Key and body returns the original post and emits nothing.
    /// </summary>
    [WolverinePost(PostRoutes.Posts)]
    [EndpointSummary("Submits a post for review; it is published once a reviewer approves it.")]
    [Authorize(Policy = Policies.Author)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public static async Task<(Results<Created<PostResponse>, ProblemHttpResult>, OutgoingMessages)> Post(
        SubmitPost command,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        ClaimsPrincipal user,
        BloggingDbContext db,
        TimeProvider clock,
        IOptions<ResubmissionSettings> resubmission,
        CancellationToken cancellationToken)
    {
        var messages = new OutgoingMessages();
        var authorId = user.Id()!.Value;
        var key = idempotencyKey?.Trim();
        var hash = RequestHash(command);
        if (key is not null &&
            await db.SubmissionKeys.AsNoTracking().SingleOrDefaultAsync(k => k.AuthorId == authorId && k.Key == key, cancellationToken) is { } previous)
        {
            if (previous.RequestHash != hash)
            {
                return (TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "Idempotency-Key reused with a different request",
                    detail: "This key was already used for another post; use a new key for a new post."), messages);
            }

            var original = await db.Posts.AsNoTracking().SingleAsync(p => p.Id == previous.PostId, cancellationToken);
            return (Created(original), messages);
        }

        var post = Domain.Post.Submit(authorId, user.DisplayName(), command.Title!, command.Content!, clock.GetUtcNow(), resubmission.Value.After);
        db.Posts.Add(post);
        if (key is not null)
        {
            db.SubmissionKeys.Add(new SubmissionKey(authorId, key, hash, post.Id, post.CreatedAt));
        }

        messages.Add(Announcement(post));
        return (Created(post), messages);
    }

    /// <summary>The event that announces <paramref name="post"/> to Approvals (again, from the re-announcement sweep).</summary>
    internal static PostSubmitted Announcement(Post post) => new(post.Id, post.Title, post.Content, post.Author, post.CreatedAt);

    private static Created<PostResponse> Created(Post post) => TypedResults.Created(PostRoutes.For(post.Id), PostResponse.From(post));

    private static string RequestHash(SubmitPost command) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(command with { Title = command.Title?.Trim() }))));
}

/// <summary>The same submission from an in-process caller (the web UI), the author already known.</summary>
public sealed record SubmitPostAs(Guid AuthorId, string Author, string Title, string Content);

public static class SubmitPostAsHandler
{
    /// <summary>
    /// Invoked through Wolverine: the endpoint's own logic, so the row and its cascaded messages commit in the
    /// same outbox transaction as for an API call.
    /// </summary>
    public static async Task<(PostResponse, OutgoingMessages)> Handle(
        SubmitPostAs command, BloggingDbContext db, TimeProvider clock, IOptions<ResubmissionSettings> resubmission, CancellationToken cancellationToken)
    {
        var author = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, command.AuthorId.ToString()),
            new Claim(CurrentUser.DisplayNameClaim, command.Author),
        ], "in-process"));
        var (result, messages) = await SubmitPostEndpoint.Post(
            new SubmitPost(command.Title, command.Content), idempotencyKey: null, author, db, clock, resubmission, cancellationToken);
        return result.Result is Created<PostResponse> { Value: { } post }
            ? (post, messages)
            : throw new InvalidOperationException("A submission without an idempotency key always creates a post.");
    }
}
