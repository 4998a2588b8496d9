using System.Diagnostics;

namespace BlogModular.Observability.Tests;

[Collection(InProcessGroup.Name)]
public sealed class AllInOneTracingTests(InProcessFixture app)
{
    [Fact]
    public async Task A_created_and_approved_post_yields_spans_from_both_modules_sharing_one_trace_id()
    {
        var postId = await app.CreateAndDecideAsync("Approved");

        var traces = await Traces.OfPostAsync(() => app.Spans, postId);
        // Submission: Blogging's HTTP request → outbox → blog-creation → Approvals' handler, one trace.
        traces.SubmissionRequest.Tag("handler.type").ShouldStartWith("BlogModular.Blogging.");
        traces.Submission.Any(Traces.IsKafka(ActivityKind.Producer, "blog-creation")).ShouldBeTrue("a Kafka send span");
        traces.Submission.Any(Traces.IsKafka(ActivityKind.Consumer, "blog-creation")).ShouldBeTrue("a Kafka receive span");
        traces.SubmissionHandled.TraceId.ShouldBe(traces.SubmissionRequest.TraceId);
        // Decision: Approvals' HTTP request → outbox → blog-approval → Blogging's handler, one trace.
        traces.DecisionRequest.Tag("handler.type").ShouldStartWith("BlogModular.Approvals.");
        traces.DecisionRequest.Tag(Traces.PostIdTag).ShouldBe(postId.ToString());
        traces.Decision.Any(Traces.IsKafka(ActivityKind.Producer, "blog-approval")).ShouldBeTrue("a Kafka send span");
        traces.DecisionHandled.TraceId.ShouldBe(traces.DecisionRequest.TraceId);
        // The handlers' database work is part of the same traces; Approvals stores requests in batches, so its work is
        // in the batch's trace, linked both ways with the post's span.
        traces.SubmissionBatchHandled.LinkedSpanIds.ShouldContain(traces.SubmissionHandled.SpanId);
        traces.SubmissionBatch.ShouldContain(s => s.Source == "Npgsql" && s.Tags.GetValueOrDefault("db.query.text", "").Contains("approvals.approval_requests"));
        traces.Decision.ShouldContain(s => s.Source == "Npgsql" && s.Tags.GetValueOrDefault("db.query.text", "").Contains("blogging.posts"));
    }

    [Fact]
    public async Task Background_polling_exports_no_spans_of_its_own()
    {
        await app.CreateAndDecideAsync("Rejected", "Not yet");

        // Wolverine polls its tables and control queue every few seconds from the moment the host starts: neither
        // those queries nor its internal messages may start traces, while the flow's own spans are all exported.
        var spans = app.Spans;
        spans.ShouldContain(s => s.Source == "Wolverine");
        spans.ShouldContain(s => s.Source == "Npgsql");
        var housekeeping = spans.Where(s => s.ParentSpanId is null
            && (s.Source is "Npgsql" || s.Source.Contains("EntityFrameworkCore")
                || (s.Source == "Wolverine" && s.Tag("messaging.message_type")?.StartsWith("Wolverine.", StringComparison.Ordinal) == true)))
            .ToList();
        housekeeping.ShouldBeEmpty(string.Join(Environment.NewLine, housekeeping.Take(5)));
    }
}
