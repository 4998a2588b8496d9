using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BlogModular.Accounts.Contracts;
using BlogModular.Accounts.Features.Notifications;
using BlogModular.Approvals.Contracts;
using BlogModular.Approvals.Features.Requests;
using BlogModular.Blogging.Domain;
using BlogModular.Blogging.Features.Posts;
using BlogModular.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Wolverine;
using Xunit.Abstractions;

namespace BlogModular.EndToEnd.Tests;

/// <summary>
/// The author gets one e-mail per review decision (through NotifyUser to Accounts), however often the decision or the
/// notification arrives, and none once they turned decision e-mails off.
/// </summary>
[Collection(HostGroup.Name)]
public sealed class DecisionMailTests(AppFixture app, ITestOutputHelper output) : IAsyncLifetime
{
    private Api _author = null!;
    private Api _reviewer = null!;

    public async Task InitializeAsync()
    {
        _author = await app.SignedInAsync("Ann");
        _reviewer = await app.SignedInAsync("Rita", reviewer: true);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_approved_post_sends_its_author_one_mail_with_the_title_and_a_link()
    {
        var (post, decided) = await DecideAsync("Kafka in practice", "Approved");

        var mail = await OneMailAsync(decided.Id);
        mail.Subject.ShouldBe("Your post \"Kafka in practice\" was approved");
        var html = mail.HtmlBody.ShouldNotBeNull();
        html.ShouldContain("Kafka in practice");
        html.ShouldMatch($"href=\"https?://[^\"]+{PostsPages.For(post.Id)}\"");
    }

    [Fact]
    public async Task A_rejected_post_sends_its_author_one_mail_with_the_reason_encoded()
    {
        var (post, decided) = await DecideAsync("Hot <take>", "Rejected", "Needs <b>sources</b> & links");

        var mail = await OneMailAsync(decided.Id);
        mail.Subject.ShouldBe("Your post \"Hot <take>\" was rejected");
        var html = mail.HtmlBody.ShouldNotBeNull();
        html.ShouldContain("Needs &lt;b&gt;sources&lt;/b&gt; &amp; links");
        html.ShouldNotContain("<b>sources</b>");
        html.ShouldContain(PostsPages.For(post.Id));
    }

    [Fact]
    public async Task The_same_decision_delivered_twice_sends_one_mail()
    {
        var (post, decided) = await DecideAsync("Said twice", "Approved");
        await OneMailAsync(decided.Id);

        // The same decision again, as a new envelope (a re-publish, not a redelivery the inbox would recognise).
        await PublishAsync(new ReviewDecided(post.Id, 1, decided.Id, ReviewOutcome.Approved, null, decided.UpdatedAt));
        await HandledAsync("approvals.review-decided.V2", decided.Id, times: 2);
        await SettleAsync();

        var notifications = await HandledCountAsync("accounts.notify-user.V1", decided.Id);
        output.WriteLine($"decision delivered 2 times → {notifications} NotifyUser, {MailsTo(_author.Email!).Count} e-mail(s)");
        notifications.ShouldBe(1, "a decision that changes nothing asks for no e-mail");
        MailsTo(_author.Email!).Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_same_notification_sent_twice_sends_one_mail()
    {
        var author = await AuthorIdAsync();
        var decision = new ReviewDecided(Guid.CreateVersion7(), 1, Guid.CreateVersion7(), ReviewOutcome.Approved, null, DateTimeOffset.UtcNow);
        var notification = DecisionNotificationFor(decision, author);

        await PublishAsync(notification);
        await PublishAsync(notification);
        await HandledAsync("accounts.notify-user.V1", notification.NotificationId, times: 2);

        output.WriteLine($"NotifyUser delivered 2 times → {MailsTo(_author.Email!).Count} e-mail(s)");
        MailsTo(_author.Email!).Count.ShouldBe(1);
        (await app.ScalarAsync<long>("select count(*) from identity.sent_notifications where id = $1", notification.NotificationId)).ShouldBe(1);
    }

    [Fact]
    public async Task An_author_who_turned_decision_mails_off_gets_none_and_the_post_is_still_published()
    {
        (await PutSettingsAsync(_author.Http, new { reviewDecisionEmails = false })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var (post, decided) = await DecideAsync("Quietly published", "Approved");

        await _author.WaitForPostAsync(post.Id, p => p.Status == PostStatus.Published);
        await Eventually.HoldsAsync(
            async () => await app.ScalarAsync<long>("select count(*) from identity.sent_notifications where id = $1 and not mailed", decided.Id) == 1,
            Api.MessageTimeout, "the notification recorded as skipped");
        MailsTo(_author.Email!).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_settings_api_reads_and_changes_the_callers_decision_mail_setting()
    {
        (await SettingsAsync(_author.Http))["reviewDecisionEmails"]!.GetValue<bool>().ShouldBeTrue("decision e-mails are on by default");

        var changed = await PutSettingsAsync(_author.Http, new { reviewDecisionEmails = false });
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await changed.Content.ReadFromJsonAsync<JsonObject>())!["reviewDecisionEmails"]!.GetValue<bool>().ShouldBeFalse();
        (await SettingsAsync(_author.Http))["reviewDecisionEmails"]!.GetValue<bool>().ShouldBeFalse();
        (await SettingsAsync(_reviewer.Http))["reviewDecisionEmails"]!.GetValue<bool>().ShouldBeTrue("each user has their own setting");

        (await PutSettingsAsync(_author.Http, new { reviewDecisionEmails = true })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await SettingsAsync(_author.Http))["reviewDecisionEmails"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task The_settings_api_refuses_anonymous_callers_and_bad_bodies()
    {
        var anonymous = app.Host.Server.CreateClient();
        (await anonymous.GetAsync(NotificationRoutes.Settings)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await PutSettingsAsync(anonymous, new { reviewDecisionEmails = false })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        foreach (var body in new[] { "{}", "null", "{\"reviewDecisionEmails\": \"yes\"}", "{\"reviewDecisionEmails\": null}", "[" })
        {
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            var response = await _author.Http.PutAsync(NotificationRoutes.Settings, content);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", body);
        }

        (await SettingsAsync(_author.Http))["reviewDecisionEmails"]!.GetValue<bool>().ShouldBeTrue("a refused change changes nothing");
    }

    private async Task<(PostResponse Post, ApprovalResponse Decided)> DecideAsync(string title, string status, string? reason = null)
    {
        var post = await _author.CreatePostAsync(title: title);
        var request = await _reviewer.WaitForApprovalRequestAsync(post.Id);
        await _reviewer.StartAsync(request.Id);
        return (post, await _reviewer.DecideAsync(request.Id, status, reason));
    }

    /// <summary>Waits until the notification is recorded (after its mail was written), then expects exactly one mail.</summary>
    private async Task<MimeMessage> OneMailAsync(Guid notificationId)
    {
        await Eventually.HoldsAsync(
            async () => await app.ScalarAsync<long>("select count(*) from identity.sent_notifications where id = $1 and mailed", notificationId) == 1,
            Api.MessageTimeout, "the decision e-mail recorded as sent");
        return MailsTo(_author.Email!).ShouldHaveSingleItem();
    }

    private List<MimeMessage> MailsTo(string email) =>
        [.. Directory.EnumerateFiles(app.MailDirectory, "*.eml").Select(path => MimeMessage.Load(path))
            .Where(m => m.To.Mailboxes.Any(to => to.Address == email))];

    private async Task PublishAsync(object message)
    {
        await using var scope = app.Host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(message);
    }

    /// <summary>Waits until the durable inbox has handled <paramref name="times"/> envelopes of this type that name <paramref name="id"/>.</summary>
    private Task HandledAsync(string messageType, Guid id, int times) =>
        Eventually.HoldsAsync(async () => await HandledCountAsync(messageType, id) >= times, Api.MessageTimeout, $"{times} × {messageType} handled");

    private Task<long> HandledCountAsync(string messageType, Guid id) => app.ScalarAsync<long>(
        "select count(*) from wolverine.wolverine_incoming_envelopes where message_type = $1 and status = 'Handled' " +
        "and position(convert_to($2, 'UTF8') in body) > 0", messageType, id.ToString());

    /// <summary>Time for a wrongly cascaded notification to travel its extra hop, so its absence means something.</summary>
    private static Task SettleAsync() => Task.Delay(TimeSpan.FromSeconds(2));

    private async Task<Guid> AuthorIdAsync() =>
        (await app.ScalarAsync<Guid>("select id from identity.\"AspNetUsers\" where email = $1", _author.Email!));

    private static NotifyUser DecisionNotificationFor(ReviewDecided decision, Guid authorId) =>
        new(decision.ApprovalId, authorId, NotificationKind.ReviewDecision, "Sent twice", "Same id twice", PostsPages.For(decision.PostId));

    private static async Task<JsonObject> SettingsAsync(HttpClient http)
    {
        var response = await http.GetAsync(NotificationRoutes.Settings);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static Task<HttpResponseMessage> PutSettingsAsync(HttpClient http, object body) => http.PutAsJsonAsync(NotificationRoutes.Settings, body);
}
