using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BlogModular.Blogging.Contracts;
using BlogModular.Blogging.Domain;
using BlogModular.Blogging.Features.Categories;
using BlogModular.Blogging.Persistence;
using BlogModular.BuildingBlocks.Messaging;
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
        var validation = CheckText(new Validation(), command.Title, command.Summary, command.Category, command.Content);
        if (command.IdempotencyKey is not null)
        {
            validation.Text(SubmitPostEndpoint.IdempotencyKeyHeader, command.IdempotencyKey, SubmissionKey.KeyMax);
        }

        return validation.ToProblem();
    }

    /// <summary>The rules for what an author writes, on a new post and on each revision.</summary>
    internal static Validation CheckText(Validation validation, string? title, string? summary, string? category, string? content)
    {
        validation
            .Text("title", title, TitleMax)
            .Text("category", category, Category.SlugMax)
            .Text("content", content, ContentMax);
        if (!string.IsNullOrWhiteSpace(summary))
        {
            validation.Text("summary", summary, PostSummary.Max);
        }

        return validation;
    }

    /// <summary>
    /// The checked text with its active category and rendered Markdown, or why it cannot be used: the category is
    /// unknown or archived, or the Markdown is refused (<see cref="PostMarkdown.TryRender"/>).
    /// </summary>
    internal static async Task<(PostText? Text, UseCaseProblem.Invalid? Problem)> WriteAsync(
        BloggingDbContext db, string title, string? summary, string categorySlug, string content, CancellationToken cancellationToken)
    {
        var slug = categorySlug.Trim();
        var category = await db.Categories.SingleOrDefaultAsync(c => c.Slug == slug, cancellationToken);
        if (category is null || category.IsArchived)
        {
            return (null, new Validation().Add("category", $"'category' must be one of the active categories ({CategoryRoutes.Categories}).").ToProblem());
        }

        return PostMarkdown.TryRender(content, out var rendered, out var refusal)
            ? (PostText.Of(title, summary, category, content, rendered), null)
            : (null, new Validation().Add("content", refusal!).ToProblem());
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
        MessageSizeLimit sizeLimit,
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
            return (PostResponse.From(original, forAuthor: true), null);
        }

        var (text, problem) = await WriteAsync(db, command.Title!, command.Summary, command.Category!, command.Content!, cancellationToken);
        if (text is null)
        {
            return (problem!, null);
        }

        var now = clock.GetUtcNow();
        if (CheckMessageSize(sizeLimit, text, Guid.Empty, 1, command.Author, now) is { } tooLarge)
        {
            return (tooLarge, null);
        }

        var post = Post.Submit(command.Author.Id, command.Author.Name, text, now, reannouncement.Value.After);
        db.Posts.Add(post);
        if (key is not null)
        {
            db.SubmissionKeys.Add(new SubmissionKey(command.Author.Id, key, hash, post.Id, post.CreatedAt));
        }

        return (PostResponse.From(post, forAuthor: true), Announcement(post));
    }

    /// <summary>
    /// Refuses text whose announcement would not fit in a Kafka message (<see cref="MessageSizeLimit"/>): without this
    /// the post would be saved and its announcement dead-lettered by the outbox sender, never reaching review. Within
    /// the default limit no post that passes the other rules is refused; a lower limit makes this the rule that bites.
    /// </summary>
    internal static UseCaseProblem.Invalid? CheckMessageSize(MessageSizeLimit limit, PostText text, Guid postId, int revision, Actor author, DateTimeOffset now) =>
        limit.Fits(new PostSubmitted(postId, revision, author.Id, author.Name.Trim(), text.Title, text.Summary, text.Category.Slug, text.Content, now), out var bytes)
            ? null
            : new Validation().Add("content",
                $"'content' is too large to send for review: the post would travel as a {bytes:N0}-byte message, over the limit of " +
                $"{limit.MaxBodyBytes:N0} bytes. Shorten it (text outside ASCII counts up to six bytes per character).").ToProblem();

    /// <summary>
    /// The event that announces <paramref name="post"/>'s latest revision to Approvals (after an edit, and again from
    /// the re-announcement sweep).
    /// </summary>
    internal static PostSubmitted Announcement(Post post) => post.Pending is { } pending
        ? new(post.Id, pending.Revision, post.AuthorId, post.Author, pending.Title, pending.Summary, pending.CategorySlug, pending.Content, pending.SubmittedAt)
        : new(post.Id, post.Revision, post.AuthorId, post.Author, post.Title, post.Summary, post.CategorySlug, post.Content, SubmittedAt(post));

    /// <summary>When the post's own revision was submitted: the post's creation, or the edit that made this revision.</summary>
    private static DateTimeOffset SubmittedAt(Post post) =>
        post.Timeline.LastOrDefault(e => e.Revision == post.Revision && e.Step is TimelineStep.Submitted or TimelineStep.Revised)?.At ?? post.CreatedAt;

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
