using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BlogModular.Blogging.Features.Posts;

namespace BlogModular.EndToEnd.Tests;

/// <summary>
/// The sign-in cookie alone does not authorise an unsafe API call: that is what a cross-site form post would carry.
/// Plain HTTP requests with hand-set Cookie headers, exactly what a browser would send.
/// </summary>
[Collection(HostGroup.Name)]
public sealed class CookieApiTests(AppFixture app)
{
    private readonly HttpClient _http = app.Host.Server.CreateClient();

    [Fact]
    public async Task A_cross_site_form_post_carrying_only_the_cookie_changes_nothing()
    {
        var cookie = await SignInWithCookieAsync();

        using var forged = Post(PostRoutes.Posts, cookie);
        forged.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["title"] = "Forged", ["category"] = "general", ["content"] = "x" });
        var formPost = await _http.SendAsync(forged);
        using var json = Post(PostRoutes.Posts, cookie);
        json.Content = JsonContent.Create(new { title = "Forged", category = "general", content = "x" });
        var jsonPost = await _http.SendAsync(json);

        formPost.StatusCode.ShouldBeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.UnsupportedMediaType);
        jsonPost.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await MyPostCountAsync(cookie)).ShouldBe(0, "nothing was created");
    }

    [Fact]
    public async Task The_cookie_with_the_antiforgery_header_may_write()
    {
        var cookie = await SignInWithCookieAsync();
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Get, "/api/auth/antiforgery");
        tokenRequest.Headers.Add("Cookie", cookie);
        var tokenResponse = await _http.SendAsync(tokenRequest);
        tokenResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonObject>())!;
        var antiforgeryCookie = Cookies(tokenResponse);

        using var request = Post(PostRoutes.Posts, $"{cookie}; {antiforgeryCookie}");
        request.Headers.Add(token["headerName"]!.GetValue<string>(), token["token"]!.GetValue<string>());
        request.Content = JsonContent.Create(new { title = "With the token", category = "general", content = "x" });

        (await _http.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await MyPostCountAsync(cookie)).ShouldBe(1);
    }

    private async Task<string> SignInWithCookieAsync()
    {
        var email = (await app.SignedInAsync("Coco")).Email!;
        var login = await _http.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email, password = Accounts.Password });
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        var cookie = Cookies(login);
        cookie.ShouldStartWith(".AspNetCore.Identity.Application=");
        return cookie;
    }

    private async Task<int> MyPostCountAsync(string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, PostRoutes.Mine);
        request.Headers.Add("Cookie", cookie);
        var response = await _http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, "reading with the cookie is allowed");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray().Count;
    }

    private static HttpRequestMessage Post(string path, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("Cookie", cookie);
        return request;
    }

    /// <summary>The name=value pairs of the response's Set-Cookie headers, as a browser would send them back.</summary>
    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(header => header.Split(';')[0]));
}
