using System.Diagnostics;
using System.Diagnostics.Metrics;
using BlogModular.Approvals.Contracts;

namespace BlogModular.Approvals;

/// <summary>
/// What operators ask of the review workflow: how long a submission takes to become an approval request, and
/// how reviews end. The host exports every meter named <c>BlogModular.*</c> (see ObservabilitySetup).
/// </summary>
internal static class ApprovalsMetrics
{
    public const string MeterName = "BlogModular.Approvals";

    /// <summary>Span tag naming the post a request is about, as message handlers' spans are tagged (MessageLogScope).</summary>
    public const string PostIdTag = "blogmodular.post_id";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> SubmissionToRequest = Meter.CreateHistogram(
        "blogmodular.approvals.submission_to_request", "s",
        "Time from a post being submitted (PostSubmitted.SubmittedAt) to its approval request being stored",
        tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });

    private static readonly Counter<long> Decisions = Meter.CreateCounter<long>(
        "blogmodular.approvals.decisions", "{decision}", "Review decisions, by outcome");

    /// <summary>Recorded as the request is added; the handler's transaction commits right after.</summary>
    public static void RequestStored(TimeSpan sinceSubmitted) => SubmissionToRequest.Record(Math.Max(0, sinceSubmitted.TotalSeconds));

    public static void Decided(ReviewOutcome outcome) => Decisions.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString()));

    /// <summary>Tags the current span (an HTTP request) with the post it is about.</summary>
    public static void TagPost(Guid postId) => Activity.Current?.SetTag(PostIdTag, postId.ToString());
}
