using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BlogModular.Testing;
using MimeKit;

namespace BlogModular.EndToEnd.Tests;

/// <summary>The account endpoints answer alike whether or not an address has an account.</summary>
[Collection(HostGroup.Name)]
public sealed class AccountEnumerationTests(AppFixture app)
{
    private readonly HttpClient _http = app.Host.Server.CreateClient();

    [Fact]
    public async Task Sign_up_answers_the_same_for_a_taken_address_and_its_owner_is_told_by_mail()
    {
        var owner = (await app.SignedInAsync("Owen")).Email!;
        var fresh = $"fresh.{Guid.NewGuid():N}@example.test";

        var taken = await _http.PostAsJsonAsync("/api/auth/signup", new { email = owner, displayName = "Mallory", password = Accounts.Password });
        var created = await _http.PostAsJsonAsync("/api/auth/signup", new { email = fresh, displayName = "Fay", password = Accounts.Password });

        taken.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        created.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await taken.Content.ReadAsStringAsync()).ShouldBe(await created.Content.ReadAsStringAsync());
        var notice = await MailToAsync(owner);
        notice.Subject.ShouldBe("Someone tried to sign up with your address");
        notice.HtmlBody.ShouldNotBeNull().ShouldContain("/account/login");
        (await MailToAsync(fresh)).Subject.ShouldBe("Confirm your BlogModular account");
    }

    [Fact]
    public async Task A_weak_password_is_refused_alike_for_a_taken_and_a_free_address()
    {
        var owner = (await app.SignedInAsync("Wes")).Email!;

        var taken = await _http.PostAsJsonAsync("/api/auth/signup", new { email = owner, displayName = "W", password = "short" });
        var free = await _http.PostAsJsonAsync("/api/auth/signup", new { email = $"free.{Guid.NewGuid():N}@example.test", displayName = "W", password = "short" });

        taken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        free.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Errors(await taken.Content.ReadFromJsonAsync<JsonObject>()).ShouldBe(Errors(await free.Content.ReadFromJsonAsync<JsonObject>()));
    }

    [Fact]
    public async Task Login_answers_the_same_for_an_unknown_address_and_a_wrong_password()
    {
        var known = (await app.SignedInAsync("Kim")).Email!;

        var wrongPassword = await _http.PostAsJsonAsync("/api/auth/login", new { email = known, password = "Wrong-horse-1" });
        var unknown = await _http.PostAsJsonAsync("/api/auth/login", new { email = $"nobody.{Guid.NewGuid():N}@example.test", password = "Wrong-horse-1" });

        wrongPassword.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        unknown.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        WithoutTrace(await wrongPassword.Content.ReadFromJsonAsync<JsonObject>()).ShouldBe(WithoutTrace(await unknown.Content.ReadFromJsonAsync<JsonObject>()));
    }

    [Theory]
    [InlineData("/api/auth/forgotPassword")]
    [InlineData("/api/auth/resendConfirmationEmail")]
    public async Task Mail_sending_endpoints_answer_the_same_for_an_unknown_address(string route)
    {
        var known = (await app.SignedInAsync("Nia")).Email!;

        var forKnown = await _http.PostAsJsonAsync(route, new { email = known });
        var forUnknown = await _http.PostAsJsonAsync(route, new { email = $"nobody.{Guid.NewGuid():N}@example.test" });

        forKnown.StatusCode.ShouldBe(HttpStatusCode.OK);
        forUnknown.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await forKnown.Content.ReadAsStringAsync()).ShouldBe(await forUnknown.Content.ReadAsStringAsync());
    }

    private static string WithoutTrace(JsonObject? problem)
    {
        problem!.Remove("traceId");
        return problem.ToJsonString();
    }

    private static string Errors(JsonObject? problem) => problem!["errors"]!.ToJsonString();

    private Task<MimeMessage> MailToAsync(string email) => Eventually.GetAsync(async () =>
    {
        foreach (var file in Directory.EnumerateFiles(app.MailDirectory, "*.eml"))
        {
            var message = await MimeMessage.LoadAsync(file);
            if (message.To.Mailboxes.Any(m => m.Address == email))
            {
                return message;
            }
        }

        return null;
    }, TimeSpan.FromSeconds(10), $"the e-mail to {email}");
}
