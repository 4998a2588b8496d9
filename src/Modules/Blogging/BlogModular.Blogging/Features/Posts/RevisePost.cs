using System.Globalization;
using System.Security.Claims;
using BlogModular.Blogging.Contracts;
using BlogModular.Blogging.Domain;
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
using Microsoft.Net.Http.Headers;
using Wolverine;
using Wolverine.Http;

namespace BlogModular.Blogging.Features.Posts;

/// <summary>
/// The author edits their post: a new revision goes to review. <see cref="ExpectedRevisions"/> are the revisions the
/// edit may have been made on (the API's If-Match lists one or more); null accepts any (If-Match: *).
/// </summary>
public sealed record RevisePost(
    Actor Author, Guid PostId, IReadOnlyCollection<int>? ExpectedRevisions, string? Title, string? Summary, string? Category, string? Content);

public static class RevisePostHandler
{
    /// <summary>The same rules as a new post's.</summary>
    public static UseCaseProblem.Invalid? Check(RevisePost command) =>
        SubmitPostHandler.CheckText(new Validation(), command.Title, command.Summary, command.Category, command.Content).ToProblem();

    /// <summary>
    /// Saves the new revision and cascades its <see cref="PostSubmitted"/> in the same transaction (the outbox), as a
    /// new post does. A Rejected post or one still waiting for a reviewer is replaced by the edit; a Published one
    /// stays live and the edit waits beside it until approved. Not while a reviewer is on the latest revision.
    /// </summary>
    public static async Task<(UseCaseResult<PostResponse>, PostSubmitted?)> Handle(
        RevisePost command,
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

        var post = await db.Posts.SingleOrDefaultAsync(p => p.Id == command.PostId, cancellationToken);
        if (post is null || (post.AuthorId != command.Author.Id && post.Status != PostStatus.Published))
        {
            return (new UseCaseProblem.NotFound("This post does not exist."), null);
        }

        if (post.AuthorId != command.Author.Id)
        {
            return (new UseCaseProblem.Forbidden("Only the post's author can edit it."), null);
        }

        if (command.ExpectedRevisions is { } expected && !expected.Contains(post.LatestRevision))
        {
            return (new UseCaseProblem.Stale(
                $"The edit was made on revision {string.Join(" or ", expected)}, but the post is at revision {post.LatestRevision}. Reload it and edit again.",
                new Dictionary<string, object?> { ["currentRevision"] = post.LatestRevision }), null);
        }

        var (text, problem) = await SubmitPostHandler.WriteAsync(db, command.Title!, command.Summary, command.Category!, command.Content!, cancellationToken);
        if (text is null)
        {
            return (problem!, null);
        }

        // Before the post changes: the transaction commits whatever the handler returns.
        var now = clock.GetUtcNow();
        if (SubmitPostHandler.CheckMessageSize(sizeLimit, text, post.Id, post.LatestRevision + 1, command.Author, now) is { } tooLarge)
        {
            return (tooLarge, null);
        }

        if (post.Revise(text, now, reannouncement.Value.After) is { } refusal)
        {
            return (new UseCaseProblem.Conflict("The post is in review", refusal,
                new Dictionary<string, object?> { ["revision"] = post.LatestRevision }), null);
        }

        return (PostResponse.From(post, forAuthor: true), SubmitPostHandler.Announcement(post));
    }
}

public static class RevisePostEndpoint
{
    /// <summary>Only what is about HTTP; the revision's content is the use case's to check.</summary>
    public static ProblemDetails Validate(SubmitPostRequest? request) =>
        request is null ? Validation.BodyRequired() : WolverineContinue.NoProblems;

    [WolverinePut(PostRoutes.Post)]
    [EndpointSummary("Edits a post (its author only): the new revision goes to review. Requires If-Match with the post's ETag.")]
    [Authorize(Policy = Policies.Author)]
    [EnableRateLimiting(RateLimitPolicies.Writing)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status428PreconditionRequired, "application/problem+json")]
    public static async Task<Results<Ok<PostResponse>, NotFound, ProblemHttpResult>> Put(
        Guid id,
        SubmitPostRequest request,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        ClaimsPrincipal user,
        HttpResponse response,
        IMessageBus bus,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status428PreconditionRequired,
                title: "If-Match is required",
                detail: "Send If-Match with the post's ETag (its revision, e.g. \"1\"), so an edit never overwrites one you have not seen.");
        }

        if (!TryReadRevisions(ifMatch, out var expected))
        {
            // A tag that is not one of ours can match nothing.
            return TypedResults.Problem(
                statusCode: StatusCodes.Status412PreconditionFailed,
                title: "The resource has changed",
                detail: "If-Match names no revision of this post; send the ETag from GET " + PostRoutes.For(id) + ".");
        }

        var command = new RevisePost(user.ToActor()!, id, expected, request.Title, request.Summary, request.Category, request.Content);
        var result = await bus.InvokeAsync<UseCaseResult<PostResponse>>(command, cancellationToken);
        return result.ToHttp(post =>
        {
            response.Headers.ETag = ETagOf(post.LatestRevision);
            return TypedResults.Ok(post);
        });
    }

    /// <summary>The ETag of a post at <paramref name="revision"/>: the revision, quoted.</summary>
    public static string ETagOf(int revision) => new EntityTagHeaderValue($"\"{revision.ToString(CultureInfo.InvariantCulture)}\"").ToString();

    /// <summary>"*" accepts any revision (null); otherwise every strong tag that is a revision number (HTTP: any may match).</summary>
    private static bool TryReadRevisions(string ifMatch, out IReadOnlyCollection<int>? revisions)
    {
        revisions = null;
        if (!EntityTagHeaderValue.TryParseList([ifMatch], out var tags))
        {
            return false;
        }

        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            return true;
        }

        var numbers = new List<int>();
        foreach (var tag in tags.Where(t => !t.IsWeak))
        {
            if (int.TryParse(tag.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                numbers.Add(number);
            }
        }

        revisions = numbers;
        return numbers.Count > 0;
    }
}
