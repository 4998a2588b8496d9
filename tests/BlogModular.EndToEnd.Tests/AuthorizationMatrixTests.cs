using System.Net;
using System.Net.Http.Json;
using BlogModular.Accounts.Features.Notifications;
using BlogModular.Approvals.Features.Requests;
using BlogModular.Blogging.Features.Categories;
using BlogModular.Blogging.Features.Posts;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BlogModular.EndToEnd.Tests;

/// <summary>
/// Every API endpoint × every kind of caller → the exact status. The rows are checked against the host's
/// own endpoint list, so an endpoint added without a row (or a row for a removed one) fails the test.
/// </summary>
[Collection(HostGroup.Name)]
public sealed class AuthorizationMatrixTests(AppFixture app) : IAsyncLifetime
{
    private static readonly string[] Callers = ["anonymous", "unconfirmed", "author", "other author", "reviewer", "operator"];

    private readonly Dictionary<string, HttpClient> _clients = [];
    private Api _author = null!;
    private Api _reviewer = null!;
    private Api _operator = null!;

    private sealed record Row(string Method, string Route, string Case, Func<HttpRequestMessage> Request, int[] Expected);

    public async Task InitializeAsync()
    {
        _author = await app.SignedInAsync("Ann");
        _reviewer = await app.SignedInAsync("Rita", reviewer: true);
        // An operator only: the roles are independent, so an operator gets no editorial endpoint.
        _operator = await app.SignedInAsync("Olga", @operator: true);
        _clients["anonymous"] = app.Host.Server.CreateClient();
        _clients["unconfirmed"] = await UnconfirmedAsync();
        var otto = await app.SignedInAsync("Otto");
        _clients["author"] = _author.Http;
        _clients["other author"] = otto.Http;
        _clients["reviewer"] = _reviewer.Http;
        _clients["operator"] = _operator.Http;
        foreach (var caller in new[] { _author, otto, _reviewer, _operator })
        {
            await WithAuthenticatorKeyAsync(caller);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// An account's first two-factor request creates its authenticator key, which changes its security stamp and so
    /// ends its sessions; made here, then signed in again, so the matrix's two-factor row leaves the session alone.
    /// </summary>
    private async Task WithAuthenticatorKeyAsync(Api caller)
    {
        (await caller.Http.PostAsJsonAsync("/api/auth/manage/2fa", new { })).StatusCode.ShouldBe(HttpStatusCode.OK);
        caller.Http.DefaultRequestHeaders.Authorization = new("Bearer", await Accounts.LoginAsync(app.Host.Server.CreateClient(), caller.Email!, Accounts.Password));
    }

    [Fact]
    public async Task Every_endpoint_answers_each_kind_of_caller_with_the_expected_status()
    {
        var rows = await RowsAsync();

        var endpoints = app.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet();
        var covered = rows.Select(r => $"{r.Method} {r.Route}").ToHashSet();
        endpoints.Except(covered).ShouldBeEmpty("endpoints without a row in the authorization matrix");
        covered.Except(endpoints).ShouldBeEmpty("rows for endpoints that do not exist");

        var failures = new List<string>();
        foreach (var row in rows)
        {
            for (var i = 0; i < Callers.Length; i++)
            {
                using var request = row.Request();
                var actual = (int)(await _clients[Callers[i]].SendAsync(request)).StatusCode;
                if (actual != row.Expected[i])
                {
                    failures.Add($"{row.Method} {row.Route} ({row.Case}) as {Callers[i]}: expected {row.Expected[i]}, got {actual}");
                }
            }
        }

        failures.ShouldBeEmpty();
    }

    private async Task<List<Row>> RowsAsync()
    {
        var published = await PublishedPostAsync();
        var draft = await _author.CreatePostAsync(title: "Draft");
        var editable = await _author.CreatePostAsync(title: "Editable");
        var toDo = await _reviewer.WaitForApprovalRequestAsync(draft.Id);
        var inReview = await _reviewer.WaitForApprovalRequestAsync((await _author.CreatePostAsync(title: "In review")).Id);
        await _reviewer.StartAsync(inReview.Id);
        var grantee = await app.SignedInAsync("Gina");
        var demoted = await app.SignedInAsync("Dora", reviewer: true, @operator: true);
        string[] loginTargets = [grantee.Email!, (await app.SignedInAsync("Lou")).Email!];
        var logins = 0;
        var archivable = (await (await _reviewer.Http.PostAsJsonAsync(CategoryRoutes.Categories, new { name = $"Archivable {Guid.NewGuid():N}" }))
            .Content.ReadFromJsonAsync<CategoryResponse>())!.Slug;

        const int ok = 200, created = 201, accepted = 202, noContent = 204, bad = 400, unauthorized = 401, forbidden = 403, notFound = 404;
        int[] everyone(int status) => [status, status, status, status, status, status];
        int[] signedIn(int status) => [unauthorized, unauthorized, status, status, status, status];
        int[] reviewers(int status) => [unauthorized, unauthorized, forbidden, forbidden, status, forbidden];
        int[] operators(int status) => [unauthorized, unauthorized, forbidden, forbidden, forbidden, status];

        return
        [
            new("GET", PostRoutes.Posts, "feed", () => Get(PostRoutes.Posts), everyone(ok)),
            new("GET", PostRoutes.Post, "published", () => Get(PostRoutes.For(published)), everyone(ok)),
            new("GET", PostRoutes.Post, "unpublished: its author and reviewers only; 404 hides it", () => Get(PostRoutes.For(draft.Id)),
                [notFound, notFound, ok, notFound, ok, notFound]),
            new("POST", PostRoutes.Posts, "write", () => Post(PostRoutes.Posts, new { title = "t", category = "general", content = "c" }), signedIn(created)),
            // The author's edit is the only one that goes through; then the others name an old revision, but are refused first.
            new("PUT", PostRoutes.Post, "edit: its author only", () => Edit(PostRoutes.For(editable.Id)), [unauthorized, unauthorized, ok, notFound, notFound, notFound]),
            new("GET", PostRoutes.Mine, "my posts", () => Get(PostRoutes.Mine), signedIn(ok)),
            new("GET", CategoryRoutes.Categories, "categories", () => Get(CategoryRoutes.Categories), everyone(ok)),
            // A fresh name per caller: only the reviewer's call adds it.
            new("POST", CategoryRoutes.Categories, "add a category", () => Post(CategoryRoutes.Categories, new { name = $"Matrix {Guid.NewGuid():N}" }), reviewers(created)),
            new("PUT", CategoryRoutes.Category, "rename a category", () => Put(CategoryRoutes.For("culture"), new { name = "Culture" }), reviewers(ok)),
            new("POST", CategoryRoutes.Archive, "archive a category", () => Post(CategoryRoutes.ArchiveFor(archivable), null), reviewers(ok)),
            new("GET", ApprovalRoutes.Approvals, "board", () => Get(ApprovalRoutes.Approvals), reviewers(ok)),
            new("GET", ApprovalRoutes.Approval, "one request", () => Get(ApprovalRoutes.For(toDo.Id)), reviewers(ok)),
            // Only the reviewer's call may change state, and no caller after it is let through.
            new("POST", ApprovalRoutes.Start, "start", () => Post(ApprovalRoutes.For(toDo.Id) + "/start", null), reviewers(ok)),
            // The reviewer started it: taking over one's own review is a 200 that changes nothing.
            new("POST", ApprovalRoutes.Takeover, "take over", () => Post(ApprovalRoutes.For(inReview.Id) + "/takeover", null), reviewers(ok)),
            new("POST", ApprovalRoutes.Decision, "decide", () => Post(ApprovalRoutes.For(inReview.Id) + "/decision", new { status = "Approved" }), reviewers(ok)),
            new("POST", "/api/reviewers", "grant the reviewer role", () => Post("/api/reviewers", new { email = grantee.Email }), reviewers(noContent)),
            new("PUT", "/api/reviewers/{email}", "grant the reviewer role", () => Send(HttpMethod.Put, $"/api/reviewers/{grantee.Email}"), reviewers(noContent)),
            new("DELETE", "/api/reviewers/{email}", "remove the reviewer role", () => Send(HttpMethod.Delete, $"/api/reviewers/{demoted.Email}"), reviewers(noContent)),
            new("PUT", "/api/operators/{email}", "grant the operator role", () => Send(HttpMethod.Put, $"/api/operators/{grantee.Email}"), operators(noContent)),
            new("DELETE", "/api/operators/{email}", "remove the operator role", () => Send(HttpMethod.Delete, $"/api/operators/{demoted.Email}"), operators(noContent)),
            new("GET", "/api/operators/role-changes", "the role-change log", () => Get("/api/operators/role-changes"), operators(ok)),
            new("POST", "/api/auth/signup", "sign up", () => Post("/api/auth/signup", new { email = NewEmail(), displayName = "New", password = Accounts.Password }), everyone(accepted)),
            // Two accounts in turn: six failures on one would pass the login throttle's limit per address and account.
            new("POST", "/api/auth/login", "wrong password", () => Post("/api/auth/login", new { email = loginTargets[logins++ % 2], password = "wrong" }), everyone(unauthorized)),
            new("POST", "/api/auth/refresh", "forged refresh token", () => Post("/api/auth/refresh", new { refreshToken = "forged" }), everyone(unauthorized)),
            new("GET", "/api/auth/confirmEmail", "forged code", () => Get($"/api/auth/confirmEmail?userId={Guid.NewGuid()}&code=forged"), everyone(unauthorized)),
            new("POST", "/api/auth/resendConfirmationEmail", "resend", () => Post("/api/auth/resendConfirmationEmail", new { email = NewEmail() }), everyone(ok)),
            new("POST", "/api/auth/forgotPassword", "forgot", () => Post("/api/auth/forgotPassword", new { email = NewEmail() }), everyone(ok)),
            new("POST", "/api/auth/resetPassword", "forged reset code", () => Post("/api/auth/resetPassword", new { email = NewEmail(), resetCode = "forged", newPassword = Accounts.Password }), everyone(bad)),
            new("GET", "/api/auth/manage/info", "own account", () => Get("/api/auth/manage/info"), signedIn(ok)),
            new("POST", "/api/auth/manage/info", "own account", () => Post("/api/auth/manage/info", new { }), signedIn(ok)),
            new("POST", "/api/auth/manage/2fa", "two-factor state", () => Post("/api/auth/manage/2fa", new { }), signedIn(ok)),
            new("GET", NotificationRoutes.Settings, "own e-mail settings", () => Get(NotificationRoutes.Settings), signedIn(ok)),
            new("PUT", NotificationRoutes.Settings, "change own e-mail settings", () => Put(NotificationRoutes.Settings, new { reviewDecisionEmails = true }), signedIn(ok)),
            new("GET", "/api/auth/antiforgery", "antiforgery token for cookie clients", () => Get("/api/auth/antiforgery"), signedIn(ok)),
            new("GET", "/api/ops/messages", "message flow", () => Get("/api/ops/messages"), operators(ok)),
            new("POST", "/api/ops/dead-letters/", "list dead letters", () => Post("/api/ops/dead-letters/", new { limit = 10 }), operators(ok)),
            // An unknown id: an empty list is refused (to Wolverine it meant every dead letter).
            new("POST", "/api/ops/dead-letters/replay", "replay an unknown id", () => Post("/api/ops/dead-letters/replay", new { ids = new[] { Guid.NewGuid() } }), operators(ok)),
            new("DELETE", "/api/ops/dead-letters/", "discard an unknown id", () => new HttpRequestMessage(HttpMethod.Delete, "/api/ops/dead-letters/") { Content = JsonContent.Create(new { ids = new[] { Guid.NewGuid() } }) }, operators(ok)),
            // Last: logging out ends every session of the caller's account.
            new("POST", "/api/auth/logout", "log out everywhere", () => Post("/api/auth/logout", null), signedIn(noContent)),
        ];
    }

    private async Task<Guid> PublishedPostAsync()
    {
        var post = await _author.CreatePostAsync(title: "Public");
        var request = await _reviewer.WaitForApprovalRequestAsync(post.Id);
        await _reviewer.StartAsync(request.Id);
        await _reviewer.DecideAsync(request.Id, "Approved");
        await _author.WaitForPostAsync(post.Id, p => p.Status == Blogging.Domain.PostStatus.Published);
        return post.Id;
    }

    /// <summary>Signed up but never confirmed: login is refused, so every call it makes is anonymous.</summary>
    private async Task<HttpClient> UnconfirmedAsync()
    {
        var http = app.Host.Server.CreateClient();
        var email = NewEmail();
        (await http.PostAsJsonAsync("/api/auth/signup", new { email, displayName = "Una", password = Accounts.Password })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await http.PostAsJsonAsync("/api/auth/login", new { email, password = Accounts.Password })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        return http;
    }

    private static string NewEmail() => $"matrix.{Guid.NewGuid():N}@example.test";

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    private static HttpRequestMessage Post(string path, object? body) =>
        new(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };

    private static HttpRequestMessage Send(HttpMethod method, string path) => new(method, path);

    private static HttpRequestMessage Put(string path, object body) => new(HttpMethod.Put, path) { Content = JsonContent.Create(body) };

    private static HttpRequestMessage Edit(string route)
    {
        var request = Put(route, new { title = "Edited", category = "general", content = "c" });
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        return request;
    }
}
