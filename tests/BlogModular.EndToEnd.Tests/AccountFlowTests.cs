using System.Net;
using Alba;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BlogModular.Blogging.Domain;
using BlogModular.Testing;

namespace BlogModular.EndToEnd.Tests;

[Collection(HostGroup.Name)]
public sealed partial class AccountFlowTests(AppFixture app)
{
    [Fact]
    public async Task A_new_author_signs_up_confirms_by_mail_logs_in_and_gets_a_post_approved()
    {
        var http = app.Host.Server.CreateClient();
        var email = $"new.author.{Guid.NewGuid():N}@example.test";

        var signUp = await http.PostAsJsonAsync("/api/auth/signup", new { email, displayName = "Nora Author", password = Accounts.Password });
        signUp.StatusCode.ShouldBe(HttpStatusCode.Accepted, await signUp.Content.ReadAsStringAsync());
        (await http.PostAsJsonAsync("/api/auth/login", new { email, password = Accounts.Password }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "an unconfirmed account cannot log in");

        var link = await ConfirmationLinkAsync(email);
        (await http.GetAsync(link.PathAndQuery)).StatusCode.ShouldBe(HttpStatusCode.OK);

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Accounts.LoginAsync(http, email, Accounts.Password));
        var author = new Api(http);
        var post = await author.CreatePostAsync(title: "My first post");
        post.Author.ShouldBe("Nora Author", "the author is the signed-in caller, by display name");

        var reviewer = await app.SignedInAsync("Rita", reviewer: true);
        var request = await reviewer.WaitForApprovalRequestAsync(post.Id);
        request.Author.ShouldBe("Nora Author");
        await reviewer.StartAsync(request.Id);
        await reviewer.DecideAsync(request.Id, "Approved");

        await author.WaitForPostAsync(post.Id, p => p.Status == PostStatus.Published);
        var anonymous = new Api(app.Host.Server.CreateClient());
        (await anonymous.FeedAsync()).Items.ShouldContain(p => p.Id == post.Id);
        var mine = await http.GetFromJsonAsync<JsonObject>("/api/me/posts");
        mine!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ShouldContain(post.Id);
    }

    [Fact]
    public async Task The_author_field_in_a_body_is_ignored()
    {
        var author = await app.SignedInAsync("Real Name");

        var response = await author.Http.PostAsJsonAsync("/api/posts", new { title = "t", category = "general", content = "c", author = "Somebody Else" });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["author"]!.GetValue<string>().ShouldBe("Real Name");
    }

    [Fact]
    public async Task Repeated_failed_logins_block_that_address_for_that_account_but_not_the_owner_elsewhere()
    {
        var email = (await app.SignedInAsync("Lou")).Email!;
        var attacker = IPAddress.Parse("203.0.113.66");

        for (var attempt = 0; attempt < 5; attempt++)
        {
            (await LoginFromAsync(attacker, email, "wrong")).ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await LoginFromAsync(attacker, email, Accounts.Password)).ShouldBe(HttpStatusCode.TooManyRequests, "that address may not try that account for now");
        (await LoginFromAsync(IPAddress.Parse("198.51.100.7"), email, Accounts.Password)).ShouldBe(HttpStatusCode.OK, "the owner, elsewhere, is not locked out");
        (await LoginFromAsync(attacker, (await app.SignedInAsync("Lea")).Email!, Accounts.Password)).ShouldBe(HttpStatusCode.OK, "other accounts from that address");
    }

    private async Task<HttpStatusCode> LoginFromAsync(IPAddress client, string email, string password)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.ConfigureHttpContext(context => context.Connection.RemoteIpAddress = client);
            s.Post.Json(new { email, password }).ToUrl("/api/auth/login");
            s.IgnoreStatusCode();
        });
        return (HttpStatusCode)result.Context.Response.StatusCode;
    }

    [Fact]
    public async Task A_reviewer_can_make_another_account_a_reviewer()
    {
        var reviewer = await app.SignedInAsync("Rita", reviewer: true);
        var colleague = await app.SignedInAsync("Colin");
        (await colleague.Http.GetAsync("/api/approvals")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await reviewer.Http.PostAsJsonAsync("/api/reviewers", new { email = colleague.Email })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // A token issued after the grant carries the role at once (older ones get it within Accounts:Sessions:RevalidateAfter).
        var http = app.Host.Server.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Accounts.LoginAsync(http, colleague.Email!, Accounts.Password));
        (await http.GetAsync("/api/approvals")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<Uri> ConfirmationLinkAsync(string email)
    {
        var message = await Eventually.GetAsync(() => Task.FromResult(
            Directory.EnumerateFiles(app.MailDirectory, "*.eml").Select(File.ReadAllText).FirstOrDefault(m => m.Contains(email, StringComparison.Ordinal))),
            TimeSpan.FromSeconds(10), $"the confirmation mail to {email}");
        var href = Href().Match(message.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal));
        href.Success.ShouldBeTrue(message);
        return new Uri(WebUtility.HtmlDecode(href.Groups[1].Value.Replace("=3D", "=", StringComparison.Ordinal)));
    }

    [GeneratedRegex("href=(?:3D)?\"([^\"]+)\"")]
    private static partial Regex Href();
}
