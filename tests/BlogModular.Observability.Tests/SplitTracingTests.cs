using System.Diagnostics;
using System.Text.Json.Nodes;
using BlogModular.Testing;

namespace BlogModular.Observability.Tests;

[Collection(SplitGroup.Name)]
public sealed class SplitTracingTests(SplitFixture app)
{
    [Fact]
    public async Task In_split_mode_one_post_yields_spans_from_both_processes_sharing_one_trace_id()
    {
        using var blogging = await app.Blogging.CreateClient().SignInAsync(SplitFixture.AuthorEmail);
        using var approvals = await app.Approvals.CreateClient().SignInAsync(SplitFixture.ReviewerEmail);

        var postId = await Flow.CreateAndDecideAsync(blogging, approvals, "Approved");

        // Each process exported its own spans over OTLP; the trace context crossed in Kafka record headers.
        var traces = await Traces.OfPostAsync(() => app.Collector.Spans, postId);
        traces.SubmissionRequest.Service.ShouldBe(SplitFixture.BloggingService);
        traces.SubmissionHandled.Service.ShouldBe(SplitFixture.ApprovalsService);
        traces.SubmissionHandled.TraceId.ShouldBe(traces.SubmissionRequest.TraceId);
        traces.Submission.ShouldContain(s => s.Service == SplitFixture.BloggingService && s.Kind == ActivityKind.Producer);
        traces.Submission.ShouldContain(s => s.Service == SplitFixture.ApprovalsService && s.Kind == ActivityKind.Consumer);

        traces.DecisionRequest.Service.ShouldBe(SplitFixture.ApprovalsService);
        traces.DecisionHandled.Service.ShouldBe(SplitFixture.BloggingService);
        traces.DecisionHandled.TraceId.ShouldBe(traces.DecisionRequest.TraceId);
    }

    [Fact]
    public async Task In_split_mode_json_log_lines_carry_the_trace_id_message_id_and_post_id()
    {
        using var blogging = await app.Blogging.CreateClient().SignInAsync(SplitFixture.AuthorEmail);
        using var approvals = await app.Approvals.CreateClient().SignInAsync(SplitFixture.ReviewerEmail);

        var postId = await Flow.CreateAndDecideAsync(blogging, approvals, "Approved");
        var traces = await Traces.OfPostAsync(() => app.Collector.Spans, postId);

        // Logged by the Approvals process while handling the batch that held the message the Blogging process's
        // request sent: the batch's trace and message id (linked from the post's own span), and the post's id.
        var created = await LogLineAsync(app.Approvals, $"created for revision 1 of post {postId}");
        Field(created, "TraceId").ShouldBe(traces.SubmissionBatchHandled.TraceId);
        Field(created, "PostId").ShouldBe(postId.ToString());
        Field(created, "MessageId").ShouldBe(traces.SubmissionBatchHandled.Tag("messaging.message_id"));
        traces.SubmissionHandled.Tag(Traces.PostIdTag).ShouldBe(postId.ToString());

        var decided = await LogLineAsync(app.Approvals, $"for post {postId} decided: Approved");
        Field(decided, "TraceId").ShouldBe(traces.DecisionHandled.TraceId);
        Field(decided, "PostId").ShouldBe(postId.ToString());
    }

    /// <summary>One JSON object per line: the message, its template fields (State) and the logging scopes.</summary>
    private static async Task<JsonObject> LogLineAsync(HostProcess process, string fragment)
    {
        var line = await process.WaitForLineAsync(fragment, Flow.MessageTimeout);
        return JsonNode.Parse(line)!.AsObject();
    }

    /// <summary>A field from the event's own values or from any of its scopes.</summary>
    private static string? Field(JsonObject line, string name) =>
        line["State"]?[name]?.ToString()
        ?? line["Scopes"]!.AsArray().Select(scope => scope?[name]?.ToString()).FirstOrDefault(value => value is not null);
}
