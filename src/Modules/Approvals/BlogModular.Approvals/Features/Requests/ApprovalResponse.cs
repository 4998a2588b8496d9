using BlogModular.Approvals.Contracts;
using BlogModular.Approvals.Domain;

namespace BlogModular.Approvals.Features.Requests;

/// <summary><see cref="Status"/> is the outcome, null until the review is done.</summary>
public sealed record ApprovalResponse(
    Guid Id,
    Guid PostId,
    int Revision,
    string Title,
    string Author,
    string Content,
    ReviewProgress Progress,
    ReviewOutcome? Status,
    string? Reason,
    DateTimeOffset RequestedAt,
    DateTimeOffset UpdatedAt)
{
    public static ApprovalResponse From(ApprovalRequest request) => new(
        request.Id, request.PostId, request.Revision, request.Title, request.Author, request.Content,
        request.Progress, request.Outcome, request.Reason, request.RequestedAt, request.UpdatedAt);
}
