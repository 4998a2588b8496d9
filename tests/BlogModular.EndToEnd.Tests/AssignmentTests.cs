using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BlogModular.Accounts.Contracts;
using BlogModular.Approvals.Contracts;
using BlogModular.Approvals.Domain;
using BlogModular.Approvals.Features.Requests;
using BlogModular.Approvals.Features.Reviews;
using BlogModular.Testing;
using Wolverine.Tracking;

namespace BlogModular.EndToEnd.Tests;

/// <summary>Reviews are assigned on start, decided only by their assignee, taken over, reminded and flagged overdue.</summary>
[Collection(HostGroup.Name)]
public sealed class AssignmentTests(AppFixture app) : IAsyncLifetime
{
    private Api _author = null!;
    private Api _rita = null!;
    private Api _tom = null!;

    public async Task InitializeAsync()
    {
        _author = await app.SignedInAsync("Ann");
        _rita = await app.SignedInAsync("Rita", reviewer: true);
        _tom = await app.SignedInAsync("Tom", reviewer: true);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Starting_assigns_the_review_and_the_resource_shows_the_assignee_and_timeline()
    {
        var request = await NewRequestAsync("Assigned");
        request.Assignee.ShouldBeNull();
        request.Timeline.Select(s => s.Step).ShouldBe([ReviewStepKind.Requested]);

        var started = await _rita.StartAsync(request.Id);

        started.Assignee.ShouldNotBeNull().Name.ShouldBe("Rita");
        var read = await _tom.GetApprovalAsync(request.Id);
        read.Assignee.ShouldBe(started.Assignee);
        read.Timeline.Select(s => s.Text).ShouldBe(["Requested", "Started by Rita"]);
        (await _tom.ApprovalsForPostAsync(request.PostId)).Single().Assignee.ShouldBe(started.Assignee);
        var json = await _tom.Http.GetFromJsonAsync<JsonObject>(ApprovalRoutes.For(request.Id));
        json!["assignee"]!["name"]!.GetValue<string>().ShouldBe("Rita");
        json["assignee"]!["id"]!.GetValue<Guid>().ShouldNotBe(Guid.Empty);
        json["timeline"]![1]!["step"]!.GetValue<string>().ShouldBe("Started");
    }

    [Fact]
    public async Task Another_reviewers_decision_is_a_conflict_that_names_the_assignee_and_changes_nothing()
    {
        var request = await NewRequestAsync("Not yours");
        await _rita.StartAsync(request.Id);

        var problem = await ConflictAsync(_tom.Http.PostAsJsonAsync(ApprovalRoutes.For(request.Id) + "/decision", new { status = "Approved" }));

        problem["detail"]!.GetValue<string>().ShouldBe("This review is assigned to Rita; take it over first.");
        problem["assignee"]!["name"]!.GetValue<string>().ShouldBe("Rita");
        var unchanged = await _rita.GetApprovalAsync(request.Id);
        unchanged.Progress.ShouldBe(ReviewProgress.InProgress);
        unchanged.Status.ShouldBeNull();
        unchanged.Assignee!.Name.ShouldBe("Rita");
        unchanged.Timeline.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_takeover_reassigns_the_review_so_the_new_assignee_decides_and_the_first_one_cannot()
    {
        var request = await NewRequestAsync("Taken over");
        await _rita.StartAsync(request.Id);

        var takenOver = await _tom.TakeOverAsync(request.Id);

        takenOver.Assignee!.Name.ShouldBe("Tom");
        takenOver.Progress.ShouldBe(ReviewProgress.InProgress);
        (await _tom.TakeOverAsync(request.Id)).Timeline.Count.ShouldBe(takenOver.Timeline.Count, "taking over one's own review changes nothing");
        var problem = await ConflictAsync(_rita.Http.PostAsJsonAsync(ApprovalRoutes.For(request.Id) + "/decision", new { status = "Approved" }));
        problem["detail"]!.GetValue<string>().ShouldBe("This review is assigned to Tom; take it over first.");

        var decided = await _tom.DecideAsync(request.Id, "Rejected", "Needs sources");

        decided.Status.ShouldBe(ReviewOutcome.Rejected);
        var timeline = (await _rita.GetApprovalAsync(request.Id)).Timeline;
        timeline.Select(s => s.Text).ShouldBe(["Requested", "Started by Rita", "Taken over by Tom from Rita", "Rejected by Tom"]);
        timeline.Select(s => s.At).ShouldBeInOrder();
    }

    [Fact]
    public async Task Only_a_review_in_progress_can_be_taken_over()
    {
        var toDo = await NewRequestAsync("Takeover to do");
        var done = await NewRequestAsync("Takeover done");
        await _rita.StartAsync(done.Id);
        await _rita.DecideAsync(done.Id, "Approved");

        (await ConflictAsync(TakeOver(toDo.Id)))["detail"]!.GetValue<string>().ShouldBe("Cannot take over a review that is ToDo. Nobody has started it: start it instead.");
        (await ConflictAsync(TakeOver(done.Id)))["progress"]!.GetValue<string>().ShouldBe("Done");
        var unknown = await TakeOver(Guid.NewGuid());
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknown.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await _rita.GetApprovalAsync(toDo.Id)).Assignee.ShouldBeNull();
        (await _rita.GetApprovalAsync(done.Id)).Assignee!.Name.ShouldBe("Rita");

        Task<HttpResponseMessage> TakeOver(Guid id) => _tom.Http.PostAsync(ApprovalRoutes.For(id) + "/takeover", null);
    }

    [Fact]
    public async Task A_request_waiting_to_do_longer_than_OverdueAfter_is_flagged_overdue_until_started()
    {
        var request = await NewRequestAsync("Waiting");
        if (DateTimeOffset.UtcNow - request.RequestedAt < AppFixture.OverdueAfter - TimeSpan.FromSeconds(1))
        {
            request.Overdue.ShouldBeFalse();
        }

        var overdue = await Eventually.GetAsync(async () => await _rita.GetApprovalAsync(request.Id) is { Overdue: true } r ? r : null,
            AppFixture.OverdueAfter * 3, "the overdue flag");

        overdue.Progress.ShouldBe(ReviewProgress.ToDo);
        (await _rita.Http.GetFromJsonAsync<JsonObject>($"{ApprovalRoutes.Approvals}?postId={request.PostId}"))!["items"]![0]!["overdue"]!
            .GetValue<bool>().ShouldBeTrue();
        (await _rita.StartAsync(request.Id)).Overdue.ShouldBeFalse();
        (await _rita.GetApprovalAsync(request.Id)).Overdue.ShouldBeFalse();
    }

    [Fact]
    public async Task A_due_reminder_emails_the_assignee_once_and_is_recorded_in_the_timeline()
    {
        var request = await NewRequestAsync("Reminded");
        var started = await _rita.StartAsync(request.Id);
        // Due 48 h after the start here; made due now, then one round of the sweep (the restart test waits for a short one).
        (await app.ScalarAsync<long>(
            "update approvals.approval_requests set remind_at = now() - interval '1 second' where id = $1 returning 1::bigint", request.Id)).ShouldBe(1);
        var tracked = await app.Host.InvokeMessageAndWaitAsync(new RemindReviewers());
        var again = await app.Host.InvokeMessageAndWaitAsync(new RemindReviewers());

        var notifications = tracked.AllRecordsInOrder().Select(r => r.Message).OfType<NotifyUser>().Distinct().ToList();
        var notification = notifications.ShouldHaveSingleItem();
        notification.UserId.ShouldBe(started.Assignee!.Id);
        notification.Kind.ShouldBe(NotificationKind.ReviewReminder);
        notification.LinkPath.ShouldBe(ReviewPages.Board);
        // The repeat finds nothing due (its records may still show the first notification on its way to Accounts).
        again.AllRecordsInOrder().Select(r => r.Message).OfType<NotifyUser>().ShouldAllBe(n => n.NotificationId == notification.NotificationId);
        await Eventually.HoldsAsync(
            async () => await app.ScalarAsync<long>("select count(*) from identity.sent_notifications where id = $1 and mailed", notification.NotificationId) == 1,
            Api.MessageTimeout, "the reminder e-mailed");
        Directory.EnumerateFiles(app.MailDirectory, "*.eml").Select(path => MimeKit.MimeMessage.Load(path))
            .Where(m => m.To.Mailboxes.Any(to => to.Address == _rita.Email!) && m.Subject?.StartsWith("Reminder:", StringComparison.Ordinal) == true)
            .ShouldHaveSingleItem("one reminder e-mail to the assignee");
        (await _rita.GetApprovalAsync(request.Id)).Timeline.Select(s => s.Text).ShouldBe(["Requested", "Started by Rita", "Reminder sent to Rita"]);
    }

    private async Task<ApprovalResponse> NewRequestAsync(string title) =>
        await _rita.WaitForApprovalRequestAsync((await _author.CreatePostAsync(title: title)).Id);

    private static async Task<JsonObject> ConflictAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
