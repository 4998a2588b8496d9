using System.Net;
using System.Net.Http.Json;
using BlogModular.Approvals.Features.Requests;
using BlogModular.Blogging.Features.Posts;
using BlogModular.Testing;

namespace BlogModular.EndToEnd.Tests;

/// <summary>
/// A removed role, a sign-out and a password change reach bearer tokens and cookies issued before them within the
/// revalidation bound (Accounts:Sessions:RevalidateAfter, short here). Each test polls until the old credential is
/// refused and fails if that takes longer than the bound plus one second for the requests themselves.
/// </summary>
[Collection(HostGroup.Name)]
public sealed class RevocationTests(AppFixture app)
{
    private static readonly TimeSpan Bound = AppFixture.RevalidateAfter + TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_demoted_reviewers_old_token_is_refused_on_reviewer_endpoints_but_still_signs_them_in()
    {
        var rex = await app.SignedInAsync("Rex", reviewer: true);
        var rita = await app.SignedInAsync("Rita", reviewer: true);
        (await rex.Http.GetAsync(ApprovalRoutes.Approvals)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await rita.Http.DeleteAsync($"/api/reviewers/{rex.Email}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await RefusedWithinTheBoundAsync(rex.Http, ApprovalRoutes.Approvals, HttpStatusCode.Forbidden);
        (await rex.Http.GetAsync(PostRoutes.Mine)).StatusCode.ShouldBe(HttpStatusCode.OK, "still an author");
    }

    [Fact]
    public async Task A_token_from_before_logging_out_gets_401()
    {
        var ann = await app.SignedInAsync("Ann");
        (await ann.Http.GetAsync(PostRoutes.Mine)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await ann.Http.PostAsync("/api/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await RefusedWithinTheBoundAsync(ann.Http, PostRoutes.Mine, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_and_a_cookie_from_before_a_password_change_get_401_and_the_new_password_signs_in()
    {
        var ann = await app.SignedInAsync("Ann");
        var anonymous = app.Host.Server.CreateClient();
        var cookieLogin = await anonymous.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email = ann.Email, password = Accounts.Password });
        cookieLogin.StatusCode.ShouldBe(HttpStatusCode.OK);
        var cookie = string.Join("; ", cookieLogin.Headers.GetValues("Set-Cookie").Select(header => header.Split(';')[0]));
        (await WithCookieAsync(cookie)).ShouldBe(HttpStatusCode.OK);
        const string newPassword = "Another-horse-2";

        var change = await ann.Http.PostAsJsonAsync("/api/auth/manage/info", new { oldPassword = Accounts.Password, newPassword });
        change.StatusCode.ShouldBe(HttpStatusCode.OK, await change.Content.ReadAsStringAsync());

        await RefusedWithinTheBoundAsync(ann.Http, PostRoutes.Mine, HttpStatusCode.Unauthorized);
        var deadline = DateTime.UtcNow + Bound;
        while (await WithCookieAsync(cookie) != HttpStatusCode.Unauthorized)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the old cookie was still accepted after the bound");
            await Task.Delay(50);
        }

        var fresh = app.Host.Server.CreateClient();
        fresh.DefaultRequestHeaders.Authorization = new("Bearer", await Accounts.LoginAsync(fresh, ann.Email!, newPassword));
        (await fresh.GetAsync(PostRoutes.Mine)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<HttpStatusCode> WithCookieAsync(string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, PostRoutes.Mine);
        request.Headers.Add("Cookie", cookie);
        return (await app.Host.Server.CreateClient().SendAsync(request)).StatusCode;
    }

    private static Task RefusedWithinTheBoundAsync(HttpClient http, string path, HttpStatusCode refused) =>
        Eventually.HoldsAsync(async () => (await http.GetAsync(path)).StatusCode == refused, Bound, $"{path} to answer {(int)refused}");
}
