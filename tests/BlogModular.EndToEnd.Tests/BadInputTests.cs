using System.Net;
using System.Text;
using BlogModular.Approvals.Features.Requests;
using BlogModular.Blogging.Features.Posts;

namespace BlogModular.EndToEnd.Tests;

[Collection(HostGroup.Name)]
public sealed class BadInputTests(AppFixture app) : IAsyncLifetime
{
    // A reviewer and operator may call every endpoint: what is left to reject is the input itself.
    private Api _api = null!;

    public async Task InitializeAsync() => _api = await app.SignedInAsync("Rita", reviewer: true, @operator: true);

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string, string?, int> Cases()
    {
        var longTitle = new string('t', 201);
        var longContent = new string('c', 100_001);
        var hugeBody = $$"""{"title":"t","category":"general","content":"{{new string('c', 300 * 1024)}}"}""";
        var approval = ApprovalRoutes.For(Guid.NewGuid());
        return new()
        {
            { "POST", PostRoutes.Posts, """{"title":"","category":"general","content":"c"}""", 400 },
            { "POST", PostRoutes.Posts, """{"title":"   ","category":"general","content":"c"}""", 400 },
            { "POST", PostRoutes.Posts, $$"""{"title":"{{longTitle}}","category":"general","content":"c"}""", 400 },
            { "POST", PostRoutes.Posts, """{"title":"t","category":"general","content":""}""", 400 },
            { "POST", PostRoutes.Posts, $$"""{"title":"t","category":"general","content":"{{longContent}}"}""", 400 },
            { "POST", PostRoutes.Posts, """{"content":"c"}""", 400 },
            { "POST", PostRoutes.Posts, """{"title":"t","category":"general","content":42}""", 400 },
            { "POST", PostRoutes.Posts, """{"title":"t",""", 400 },
            { "POST", PostRoutes.Posts, "null", 400 },
            { "POST", PostRoutes.Posts, "[]", 400 },
            { "POST", PostRoutes.Posts, hugeBody, 413 },
            { "GET", PostRoutes.Posts + "?limit=0", null, 400 },
            { "GET", PostRoutes.Posts + "?limit=101", null, 400 },
            { "GET", PostRoutes.Posts + "?limit=abc", null, 400 },
            { "GET", PostRoutes.Posts + "?after=not-a-cursor", null, 400 },
            { "GET", PostRoutes.For(Guid.NewGuid()), null, 404 },
            { "GET", PostRoutes.Posts + "/not-a-guid", null, 404 },
            { "GET", ApprovalRoutes.Approvals + "?progress=Nope", null, 400 },
            { "GET", ApprovalRoutes.Approvals + "?limit=1000", null, 400 },
            { "GET", ApprovalRoutes.Approvals + "?postId=nope", null, 400 },
            { "GET", ApprovalRoutes.Approvals + "?after=%%%", null, 400 },
            { "GET", approval, null, 404 },
            { "POST", approval + "/start", null, 404 },
            { "POST", approval + "/decision", """{"status":"Approved"}""", 404 },
            { "POST", approval + "/decision", """{"status":"Maybe"}""", 400 },
            { "POST", approval + "/decision", """{"reason":"no status"}""", 400 },
            { "POST", approval + "/decision", """{"status":"Rejected"}""", 400 },
            { "POST", approval + "/decision", $$"""{"status":"Approved","reason":"{{new string('r', 2001)}}"}""", 400 },
            { "POST", approval + "/decision", "null", 400 },
            // Found by generated bad input, each a 500 before: Identity's store threw FormatException for a user id
            // that is not a GUID, UserManager ArgumentNullException for a null e-mail.
            { "GET", "/api/auth/confirmEmail?userId=not-a-guid&code=x", null, 401 },
            { "POST", "/api/auth/forgotPassword", """{"email":null}""", 400 },
            { "POST", "/api/auth/resendConfirmationEmail", """{"email":null}""", 400 },
            { "POST", "/api/auth/login", """{"email":null,"password":"p"}""", 400 },
            // PostgreSQL refuses U+0000 in text (22021), which was a 500 wherever no validation stopped it first.
            { "POST", "/api/auth/resendConfirmationEmail", """{"email":"\u0000"}""", 400 },
            { "POST", "/api/auth/resetPassword", """{"email":"a\u0000@example.test","resetCode":"c","newPassword":"p"}""", 400 },
            { "POST", "/api/reviewers", """{"email":"\u0000"}""", 400 },
            { "POST", PostRoutes.Posts, """{"title":"t\u0000","category":"general","content":"c"}""", 400 },
            // Identity's e-mail check accepts what MimeKit cannot parse, so the change-email mail threw (500).
            { "POST", "/api/auth/manage/info", """{"newEmail":"_Pn_Gq;2IoWI/g6a<W)Nd1@_WnLpmsE"}""", 400 },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_gets_the_stated_4xx_problem_details_and_changes_nothing(string method, string path, string? body, int expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        await ShouldBeRejectedAsync(request, expected);
    }

    /// <summary>Cases generated bad input found: each was a 500, or a 4xx that was not ProblemDetails.</summary>
    public static TheoryData<string, string, string?, string?, string?, int> HeaderCases() => new()
    {
        // A charset .NET cannot decode: ASP.NET Core's JSON reader threw InvalidOperationException (500), while
        // Wolverine read the body as UTF-8 anyway (201); both endpoints now refuse it alike.
        { "POST", "/api/auth/login", """{"email":"a@example.test","password":"p"}""", "application/json; charset=nonsense", null, 415 },
        { "POST", "/api/reviewers", """{"email":"a@example.test"}""", "application/json; charset=nonsense", null, 415 },
        { "POST", PostRoutes.Posts, """{"title":"t","category":"general","content":"c"}""", "application/json; charset=\"nonsense\"", null, 415 },
        // A client that does not accept JSON got a text/plain status page.
        { "GET", PostRoutes.Posts + "/not-a-guid", null, null, "text/html", 404 },
        { "GET", "/api/auth/confirmEmail?userId=not-a-guid&code=x", null, null, "image/png", 401 },
        { "POST", PostRoutes.Posts, """{"title":""}""", "application/json", "text/plain", 406 },
    };

    [Theory]
    [MemberData(nameof(HeaderCases))]
    public async Task Bad_content_type_or_accept_headers_get_the_stated_4xx_problem_details_and_change_nothing(
        string method, string path, string? body, string? contentType, string? accept, int expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType).ShouldBeTrue();
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept).ShouldBeTrue();
        }

        await ShouldBeRejectedAsync(request, expected);
    }

    private async Task ShouldBeRejectedAsync(HttpRequestMessage request, int expected)
    {
        var before = await CountRowsAsync();

        var response = await _api.Http.SendAsync(request);

        ((int)response.StatusCode).ShouldBe(expected, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await CountRowsAsync()).ShouldBe(before);
    }

    /// <summary>Found by generated bad input: to Wolverine an empty or missing id list meant every dead letter.</summary>
    [Theory]
    [InlineData("DELETE", "/api/ops/dead-letters/", """{"ids":[]}""")]
    [InlineData("DELETE", "/api/ops/dead-letters/", """{}""")]
    [InlineData("POST", "/api/ops/dead-letters/replay", """{"ids":null}""")]
    [InlineData("POST", "/api/ops/dead-letters/replay", """{"tenantId":"*"}""")]
    public async Task Discarding_or_replaying_dead_letters_without_ids_is_refused_and_keeps_them_all(string method, string path, string body)
    {
        await app.AddDeadLetterAsync();
        const string kept = "select count(*) from wolverine.wolverine_dead_letters where replayable = false";
        var before = await app.ScalarAsync<long>(kept);

        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        var response = await _api.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await app.ScalarAsync<long>(kept)).ShouldBe(before);
    }

    [Fact]
    public async Task Field_errors_name_each_invalid_field()
    {
        var response = await _api.Http.PostAsync(PostRoutes.Posts,
            new StringContent("""{"title":"","category":"general","content":"c"}""", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadAsStringAsync();
        problem.ShouldContain("\"title\"");
        problem.ShouldNotContain("\"content\"");
    }

    private Task<long> CountRowsAsync() => app.ScalarAsync<long>(
        """select (select count(*) from blogging.posts) + (select count(*) from approvals.approval_requests) + (select count(*) from identity."AspNetUsers")""");
}
