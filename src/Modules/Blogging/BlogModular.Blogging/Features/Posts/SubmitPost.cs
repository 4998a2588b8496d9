using BlogModular.Blogging.Contracts;
using BlogModular.Blogging.Domain;
using BlogModular.Blogging.Persistence;
using System.Security.Claims;
using BlogModular.BuildingBlocks.Security;
using BlogModular.BuildingBlocks.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
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

    public static ProblemDetails Validate(SubmitPost? command) => command is null ? Validation.BodyRequired() : new Validation()
        .Text("title", command.Title, TitleMax)
        .Text("content", command.Content, ContentMax)
        .ToProblemDetails();

    /// <summary>
    /// Saves the post unpublished and emits <see cref="PostSubmitted"/>. Wolverine's transactional middleware
    /// commits the row and the outgoing envelope in one PostgreSQL transaction (the durable outbox).
    /// </summary>
    [WolverinePost(PostRoutes.Posts)]
    [Authorize(Policy = Policies.Author)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    public static (Created<PostResponse>, PostSubmitted) Post(SubmitPost command, ClaimsPrincipal user, BloggingDbContext db, TimeProvider clock)
    {
        var post = Domain.Post.Submit(user.Id()!.Value, user.DisplayName(), command.Title!, command.Content!, clock.GetUtcNow());
        db.Posts.Add(post);

        var submitted = new PostSubmitted(post.Id, post.Title, post.Content, post.Author, post.CreatedAt);
        return (TypedResults.Created(PostRoutes.For(post.Id), PostResponse.From(post)), submitted);
    }
}
