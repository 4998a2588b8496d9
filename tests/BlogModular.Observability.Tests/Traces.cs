using System.Diagnostics;
using BlogModular.Testing;

namespace BlogModular.Observability.Tests;

/// <summary>
/// The two traces of one post's journey, found among exported spans by the post id the handlers tag, and the trace of
/// the batch that stored its approval request (Approvals handles submissions in batches; the post's span links to it).
/// </summary>
public sealed record Traces(IReadOnlyList<Span> Submission, IReadOnlyList<Span> Decision, IReadOnlyList<Span> SubmissionBatch)
{
    public const string PostIdTag = "blogmodular.post_id";
    private const string SubmissionHandler = "BlogModular.Approvals.Features.Requests.ReceivePostSubmissionsHandler";
    private const string DecisionHandler = "BlogModular.Blogging.Features.Reviews.ApplyReviewDecisionHandler";

    /// <summary>
    /// Waits until both handlers' spans for <paramref name="postId"/> are exported (a span is exported when it
    /// ends, just after the handler's transaction commits), then returns every span of each of their traces.
    /// </summary>
    public static async Task<Traces> OfPostAsync(Func<IReadOnlyCollection<Span>> spans, Guid postId)
    {
        var post = postId.ToString();
        var handlers = await Eventually.GetAsync(() =>
        {
            var all = spans();
            var submitted = all.FirstOrDefault(s => s.Tag("message.handler") == SubmissionHandler && s.Tag(PostIdTag) == post);
            var decided = all.FirstOrDefault(s => s.Tag("message.handler") == DecisionHandler && s.Tag(PostIdTag) == post);
            return Task.FromResult(submitted is not null && decided is not null ? new[] { submitted, decided } : null);
        }, Flow.MessageTimeout, $"the handler spans of post {postId}");

        // The HTTP request spans end after the handlers may have started; give the exporters a moment to catch up.
        return await Eventually.GetAsync(() =>
        {
            var all = spans();
            var batch = all.FirstOrDefault(s => handlers[0].LinkedSpanIds.Contains(s.SpanId));
            var traces = new Traces(
                all.Where(s => s.TraceId == handlers[0].TraceId).ToList(),
                all.Where(s => s.TraceId == handlers[1].TraceId).ToList(),
                batch is null ? [] : all.Where(s => s.TraceId == batch.TraceId).ToList());
            return Task.FromResult(traces.Submission.Any(IsServer("POST", "/api/posts")) && traces.Decision.Any(IsServer("POST", "/api/approvals/{id}/decision"))
                && traces.SubmissionBatch.Count > 0
                ? traces
                : null);
        }, Flow.MessageTimeout, $"the HTTP spans of post {postId}");
    }

    public static Func<Span, bool> IsServer(string method, string route) =>
        s => s.Kind == ActivityKind.Server && s.Tag("http.request.method") == method && s.Tag("http.route") == route;

    public static Func<Span, bool> IsHandler(string handlerType) => s => s.Tag("message.handler") == handlerType;

    public static Func<Span, bool> IsKafka(ActivityKind kind, string topic) =>
        s => s.Source == "Wolverine" && s.Kind == kind && (kind == ActivityKind.Consumer || s.Tag("messaging.destination") == $"kafka://topic/{topic}");

    public Span SubmissionRequest => Submission.Single(IsServer("POST", "/api/posts"));

    public Span SubmissionHandled => Submission.Single(IsHandler(SubmissionHandler));

    /// <summary>The span of the batch handler run that stored the post's approval request.</summary>
    public Span SubmissionBatchHandled => SubmissionBatch.Single(s => SubmissionHandled.LinkedSpanIds.Contains(s.SpanId));

    public Span DecisionRequest => Decision.Single(IsServer("POST", "/api/approvals/{id}/decision"));

    public Span DecisionHandled => Decision.Single(IsHandler(DecisionHandler));
}
