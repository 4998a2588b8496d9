using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BlogModular.Blogging.Contracts;
using BlogModular.Blogging.Domain;
using BlogModular.Blogging.Features.Categories;
using BlogModular.Blogging.Persistence;
using BlogModular.BuildingBlocks.Security;
using BlogModular.BuildingBlocks.UseCases;
using BlogModular.BuildingBlocks.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.Http;

namespace BlogModular.Blogging.Features.Posts;

/// <summary>
/// An author submits a post for review: its content is Markdown, its category a slug, its summary optional. Fields
/// are nullable because JSON may omit them; the use case's rules reject that. A retry with the same
/// <see cref="IdempotencyKey"/> and content gets the original post back.
/// </summary>
public sealed record SubmitPost(
    Actor Author, string? Title, string? Summary, string? Category, string? Content, string? IdempotencyKey = null);

public static class SubmitPostHandler
{
    public const int TitleMax = 200;
    public const int ContentMax = 100_000;

    /// <summary>The submission's rules, the same for the API and the write page. Not named Validate: Wolverine would run it as a step.</summary>
    public static UseCaseProblem.Invalid? Check(SubmitPost command)
    {
        var validation = new Validation()
            .Text("title", command.Title, TitleMax)
            .Text("category", command.Category, Category.SlugMax)
            .Text("content", command.Content, ContentMax);
        if (!string.IsNullOrWhiteSpace(command.Summary))
        {
            validation.Text("summary", command.Summary, PostSummary.Max);
        }

        if (command.IdempotencyKey is not null)
        {
            validation.Text(SubmitPostEndpoint.IdempotencyKeyHeader, command.IdempotencyKey, SubmissionKey.KeyMax);
        }

        return validation.ToProblem();
    }

    /// <summary>
    /// Saves the post unpublished and cascades <see cref="PostSubmitted"/>. Wolverine's transactional middleware
    /// commits the row, the idempotency key and the outgoing envelope in one PostgreSQL transaction (the durable
    /// outbox). A retry with the same key and content returns the original post and cascades nothing.
    /// </summary>
    public static async Task<(UseCaseResult<PostResponse>, PostSubmitted?)> Handle(
        SubmitPost command,
        BloggingDbContext db,
        TimeProvider clock,
        IOptions<ReannouncementSettings> reannouncement,
        CancellationToken cancellationToken)
    {
        if (Check(command) is { } invalid)
        {
            return (invalid, null);
        }

        var key = command.IdempotencyKey?.Trim();
        var hash = RequestHash(command);
        if (key is not null &&
            await db.SubmissionKeys.AsNoTracking().SingleOrDefaultAsync(k => k.AuthorId == command.Author.Id && k.Key == key, cancellationToken) is { } previous)
        {
            if (previous.RequestHash != hash)
            {
                return (new UseCaseProblem.Unprocessable(
                    "Idempotency-Key reused with a different request",
                    "This key was already used for another post; use a new key for a new post."), null);
            }

            var original = await db.Posts.AsNoTracking().SingleAsync(p => p.Id == previous.PostId, cancellationToken);
            return (PostResponse.From(original), null);
        }

        var slug = command.Category!.Trim();
        var category = await db.Categories.SingleOrDefaultAsync(c => c.Slug == slug, cancellationToken);
        if (category is null || category.IsArchived)
        {
            return (new Validation().Add("category", $"'category' must be one of the active categories ({CategoryRoutes.Categories}).").ToProblem()!, null);
        }

        if (!PostMarkdown.TryRender(command.Content!, out var rendered, out var refusal))
        {
            return (new Validation().Add("content", refusal!).ToProblem()!, null);
        }

        var (post, submitted) = Submit(command, category, rendered, clock.GetUtcNow(), reannouncement.Value.After);
        db.Posts.Add(post);
        if (key is not null)
        {
            db.SubmissionKeys.Add(new SubmissionKey(command.Author.Id, key, hash, post.Id, post.CreatedAt));
        }

        return (PostResponse.From(post), submitted);
    }

    /// <summary>The new post, due for re-announcement after <paramref name="reannounceAfter"/>, and the event that announces it.</summary>
    public static (Post Post, PostSubmitted Submitted) Submit(
        SubmitPost command, Category category, RenderedContent rendered, DateTimeOffset now, TimeSpan reannounceAfter)
    {
        var post = Post.Submit(
            command.Author.Id, command.Author.Name, command.Title!, command.Summary, category, command.Content!, rendered, now, reannounceAfter);
        return (post, Announcement(post));
    }

    /// <summary>The event that announces <paramref name="post"/> to Approvals (again, from the re-announcement sweep).</summary>
    internal static PostSubmitted Announcement(Post post) => new(post.Id, post.Title, post.Content, post.Author, post.CreatedAt);

    // Title and content first and summary and category only when given, so keys stored before those fields stay comparable.
    private static string RequestHash(SubmitPost command) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
        JsonSerializer.Serialize(
            new HashedRequest(command.Title?.Trim(), command.Content, NullIfBlank(command.Summary), command.Category?.Trim()), HashJson))));

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static readonly JsonSerializerOptions HashJson = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private sealed record HashedRequest(string? Title, string? Content, string? Summary, string? Category);
}

/// <summary>
/// The submission's HTTP body; there is no author field: the author is the signed-in caller. <c>content</c> is
/// Markdown; <c>category</c> is an active category's slug; <c>summary</c> may be left out.
/// </summary>
public sealed record SubmitPostRequest(string? Title, string? Summary, string? Category, string? Content);

public static class SubmitPostEndpoint
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Only what is about HTTP; the submission's content is the use case's to check.</summary>
    public static ProblemDetails Validate(SubmitPostRequest? request) =>
        request is null ? Validation.BodyRequired() : WolverineContinue.NoProblems;

    [WolverinePost(PostRoutes.Posts)]
    [EndpointSummary("Submits a post for review; it is published once a reviewer approves it.")]
    [Authorize(Policy = Policies.Author)]
    [EnableRateLimiting(RateLimitPolicies.Writing)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public static async Task<Results<Created<PostResponse>, ProblemHttpResult>> Post(
        SubmitPostRequest request,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        ClaimsPrincipal user,
        IMessageBus bus,
        CancellationToken cancellationToken)
    {
        var command = new SubmitPost(user.ToActor()!, request.Title, request.Summary, request.Category, request.Content, idempotencyKey);
        var result = await bus.InvokeAsync<UseCaseResult<PostResponse>>(command, cancellationToken);
        return result.Succeeded
            ? TypedResults.Created(PostRoutes.For(result.Value.Id), result.Value)
            : result.Problem!.ToProblemResult();
    }
}
