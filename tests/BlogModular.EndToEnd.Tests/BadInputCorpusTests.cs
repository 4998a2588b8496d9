using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using BlogModular.Blogging.Features.Posts;
using BlogModular.Testing;
using CsCheck;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BlogModular.EndToEnd.Tests;

/// <summary>
/// Generated bad input against every /api endpoint the host maps, so a new endpoint is fuzzed without a change
/// here: malformed JSON bodies, wrong content types, odd path values, query strings and headers, sent by
/// anonymous, author, reviewer and operator callers. BADINPUT_REQUESTS raises the count (default 200); a failure prints
/// the shrunk request and its CsCheck seed (CsCheck_Seed=... replays it).
/// </summary>
[Collection(HostGroup.Name)]
public sealed partial class BadInputCorpusTests(AppFixture app, ITestOutputHelper output) : IAsyncLifetime
{
    private const int DefaultRequests = 200;
    private const string ProblemJson = "application/problem+json";

    private readonly Dictionary<string, HttpClient> _callers = [];
    private int _bodilessErrors;

    public async Task InitializeAsync()
    {
        _callers["anonymous"] = app.Host.Server.CreateClient();
        _callers["author"] = (await app.SignedInAsync("Fuzz Author")).Http;
        _callers["reviewer"] = (await app.SignedInAsync("Fuzz Reviewer", reviewer: true)).Http;
        _callers["operator"] = (await app.SignedInAsync("Fuzz Operator", @operator: true)).Http;

        // A dead letter to keep: a discard or replay that bad input got through would show in the counts.
        if (await app.ScalarAsync<long>(AppFixture.DeadLetterCount) == 0)
        {
            await app.AddDeadLetterAsync();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Generated_bad_input_to_every_endpoint_never_gets_a_5xx_and_changes_nothing()
    {
        var requests = int.TryParse(Environment.GetEnvironmentVariable("BADINPUT_REQUESTS"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : DefaultRequests;
        var targets = Targets();
        targets.Count.ShouldBeGreaterThan(20, "the /api endpoints found in the host's endpoint data source");
        var perTarget = (requests + targets.Count - 1) / targets.Count;
        var before = await CountsAsync();
        var statuses = new ConcurrentDictionary<int, int>();
        var created = new ConcurrentDictionary<string, int>();
        var failures = new List<string>();

        // One property per endpoint, so each gets its share of requests and a failure shrinks within it.
        foreach (var target in targets)
        {
            try
            {
                await RequestsTo(target).SampleAsync(
                    request => SendAsync(request, statuses, created), iter: perTarget, threads: 1, print: r => r.ToString());
            }
            catch (CsCheckException failure)
            {
                failures.Add($"{target}:{Environment.NewLine}{failure.Message}{Environment.NewLine}{failure.InnerException?.Message}");
            }
        }

        output.WriteLine($"{statuses.Values.Sum()} requests to {targets.Count} endpoints ({perTarget} each); per status: " +
            string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        var createdPosts = created.Keys.Count(k => k.StartsWith("post ", StringComparison.Ordinal));
        var createdUsers = created.Where(c => c.Key.StartsWith("user ", StringComparison.Ordinal)).Sum(c => c.Value);
        output.WriteLine($"4xx without a body: {_bodilessErrors}; valid requests among them (accounted for below): {createdPosts} posts, {createdUsers} accounts created");
        failures.ShouldBeEmpty();

        // Valid requests may slip into the corpus; what they create is accounted for, nothing else may change.
        var expected = before with
        {
            Posts = before.Posts + createdPosts,
            Approvals = before.Approvals + createdPosts,
            Users = before.Users + createdUsers,
        };
        if (createdPosts > 0)
        {
            // Each post created reaches review over Kafka.
            await Eventually.HoldsAsync(async () => (await CountsAsync()).Approvals >= expected.Approvals, Api.MessageTimeout, "approval requests of the posts created");
        }

        (await CountsAsync()).ShouldBe(expected);
    }

    private async Task SendAsync(FuzzRequest generated, ConcurrentDictionary<int, int> statuses, ConcurrentDictionary<string, int> created)
    {
        using var request = generated.ToMessage();
        using var response = await _callers[generated.Caller].SendAsync(request);
        var status = (int)response.StatusCode;
        statuses.AddOrUpdate(status, 1, (_, count) => count + 1);
        var body = await response.Content.ReadAsStringAsync();
        if (status >= 500)
        {
            throw new ShouldAssertException($"{status} {body}");
        }

        if (status >= 400 && body.Length == 0)
        {
            Interlocked.Increment(ref _bodilessErrors);
        }
        else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != ProblemJson)
        {
            throw new ShouldAssertException($"{status} with {response.Content.Headers.ContentType?.MediaType ?? "no content type"}, not {ProblemJson}: {body}");
        }

        if (status is >= 200 and < 300)
        {
            if (generated.Method == "POST" && generated.Route == PostRoutes.Posts)
            {
                created.AddOrUpdate($"post {response.Headers.Location}", 1, (_, count) => count + 1);
            }
            else if (generated.Method == "POST" && generated.Route == "/api/auth/signup")
            {
                created.AddOrUpdate($"user {generated.Route}", 1, (_, count) => count + 1);
            }
        }
    }

    private sealed record Counts(long Posts, long Approvals, long Users, long RoleGrants, long RoleChanges, long DeadLetters);

    private async Task<Counts> CountsAsync() => new(
        await app.ScalarAsync<long>("select count(*) from blogging.posts"),
        await app.ScalarAsync<long>("select count(*) from approvals.approval_requests"),
        await app.ScalarAsync<long>("""select count(*) from identity."AspNetUsers" """),
        await app.ScalarAsync<long>("""select count(*) from identity."AspNetUserRoles" """),
        await app.ScalarAsync<long>("select count(*) from identity.role_changes"),
        await app.ScalarAsync<long>(AppFixture.DeadLetterCount));

    /// <summary>An endpoint to fuzz, with the JSON body fields it reads (when its metadata names a request type).</summary>
    private sealed record Target(string Method, string Route, string[] BodyFields)
    {
        public override string ToString() => $"{Method} {Route}";
    }

    private List<Target> Targets()
    {
        var targets = app.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"])
                .Select(method => new Target(method, e.RoutePattern.RawText!, FieldsOf(e.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType))))
            .DistinctBy(t => t.ToString())
            .OrderBy(t => t.Route, StringComparer.Ordinal).ThenBy(t => t.Method, StringComparer.Ordinal)
            .ToList();
        output.WriteLine(string.Join(Environment.NewLine, targets.Select(t => $"{t} [{string.Join(", ", t.BodyFields)}]")));
        return targets;
    }

    private static string[] FieldsOf(Type? body) => body is null
        ? []
        : body.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]).ToArray();

    // ---- generators ----

    private static readonly Gen<string> Caller = Gen.Frequency((1, Gen.Const("anonymous")), (2, Gen.Const("author")), (3, Gen.Const("reviewer")), (2, Gen.Const("operator")));

    private static readonly Gen<string> Specials = Gen.OneOf(
        "", " ", "\t\n", "\0", "null", "undefined", "true", "-1", "0", "101", "1e999", "NaN", "99999999999999999999999999",
        "-9223372036854775809", "2147483648", "00000000-0000-0000-0000-000000000000", "{}", "[]", "\"", "\\", "'; drop table x; --",
        "<script>alert(1)</script>", "${jndi:ldap://x}", "../../etc/passwd", "%00", "%2F", "%25", "%FF", "%zz", "%%%", "a@b", "@",
        "ToDo", "InProgress", "Done", "Approved", "Rejected", "todo", "2", "é", "😀", "\u202Eevil", "\uFEFF", "\uD800", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "漢字");

    private static readonly Gen<string> Printable = Gen.Char[' ', '~'].Array[0, 40].Select(c => new string(c));

    private static readonly Gen<string> AnyChars = Gen.String[0, 40];

    private static Gen<string> Huge(int max) =>
        Gen.Select(Gen.OneOf("a", " ", "é", "😀", "\\\""), Gen.Int[1_000, max], (unit, count) => Repeat(unit, count / unit.Length));

    private static string Repeat(string unit, int count) => new StringBuilder(unit.Length * count).Insert(0, unit, count).ToString();

    private static Gen<string> Text(int hugeMax) => Gen.Frequency((4, Specials), (3, Printable), (2, AnyChars), (1, Huge(hugeMax)));

    /// <summary>Path, query and header text: well-formed UTF-16 (HttpClient cannot send a lone surrogate).</summary>
    private static readonly Gen<string> UrlText = Text(5_000).Select(t => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(t)));

    /// <summary>24 random bytes in the cursor's encoding: decodes, but to any instant and id.</summary>
    private static readonly Gen<string> Cursor = Gen.Select(Gen.Long, Gen.Guid, (ticks, id) =>
    {
        var bytes = new byte[24];
        BinaryPrimitives.WriteInt64BigEndian(bytes, ticks);
        id.TryWriteBytes(bytes.AsSpan(8), bigEndian: true, out _);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    });

    /// <summary>
    /// No NUL: the test server's client refuses a path holding one before the app sees it (Kestrel answers such
    /// a request line with 400 itself), so it cannot be sent in process.
    /// </summary>
    private static readonly Gen<string> PathValue = Gen.Frequency(
        (1, Gen.Guid.Select(g => g.ToString())),
        (4, UrlText.Select(t => Uri.EscapeDataString(t.Replace("\0", "", StringComparison.Ordinal)))),
        (1, Gen.OneOf("%01", "%2F", "%2e%2e", "%zz", "%", "..", ".", "a/b", "a?b=1", "-1", "99999999999999999999999999", "é", "😀")));

    private static readonly Gen<string> QueryName = Gen.Frequency(
        (4, Gen.OneOf("limit", "after", "progress", "postId", "userId", "code", "changedEmail", "useCookies", "useSessionCookies")),
        (1, Printable.Select(Uri.EscapeDataString)));

    private static readonly Gen<string> QueryValue = Gen.Frequency(
        (5, UrlText.Select(Uri.EscapeDataString)),
        (1, Cursor),
        (1, Gen.OneOf("%%%", "%zz", "%00", "a&b", "=", "+", "%C3%28", "limit=1")));

    private static readonly Gen<string> Query = Gen.Select(QueryName, QueryValue, (name, value) => $"{name}={value}").Array[0, 4]
        .Select(pairs => pairs.Length == 0 ? "" : "?" + string.Join('&', pairs));

    private static readonly Gen<string> HeaderText = UrlText.Select(t => new string(t.Where(c => c is not ('\r' or '\n' or '\0')).ToArray()));

    private static readonly Gen<(string Name, string Value)> Header = Gen.Frequency(
        (4, HeaderText.Select(v => ("Idempotency-Key", v))),
        (2, HeaderText.Select(v => ("Authorization", "Bearer " + v))),
        (1, HeaderText.Select(v => ("Authorization", v))),
        (1, HeaderText.Select(v => ("Cookie", ".AspNetCore.Identity.Application=" + v))),
        (1, HeaderText.Select(v => ("Accept", v))),
        (1, HeaderText.Select(v => ("Accept-Language", v))),
        (1, HeaderText.Select(v => ("traceparent", v))),
        (1, HeaderText.Select(v => ("X-Forwarded-For", v))));

    private static readonly Gen<string> JsonScalar = Gen.Frequency(
        (5, Text(300_000).Select(JsonString)),
        (1, Printable.Select(t => $"\"{t}\"")),
        (2, Gen.OneOf("0", "-1", "42", "1.5", "-0", "1e999", "-1e-999", "99999999999999999999999999999", "NaN", "Infinity", "0x10", "01", "+1")),
        (1, Gen.OneOf("true", "false", "null")),
        (1, Gen.Guid.Select(g => $"\"{g}\"")),
        (1, Gen.Guid.Array[0, 3].Select(ids => "[" + string.Join(',', ids.Select(g => $"\"{g}\"")) + "]")));

    private static readonly Gen<string> JsonValue = Gen.Recursive<string>((depth, value) => depth >= 3
        ? JsonScalar
        : Gen.Frequency(
            (8, JsonScalar),
            (1, value.Array[0, 4].Select(items => "[" + string.Join(',', items) + "]")),
            (1, Gen.Select(Printable, value).Array[0, 3].Select(Object))));

    private static readonly Gen<string> JsonLiteral = Gen.OneOf("null", "[]", "{}", "42", "\"text\"", "true", "[{}]", "{\"\":null}", "{}{}", "{,}");

    private static readonly Gen<string> DeepNesting = Gen.Select(Gen.Int[60, 5_000], Gen.OneOf(("[", "]"), ("{\"a\":", "}")), Gen.Bool,
        (depth, brackets, closed) => Repeat(brackets.Item1, depth) + "0" + (closed ? Repeat(brackets.Item2, depth) : ""));

    private static readonly Gen<string> ContentType = Gen.OneOf(
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data", "application/octet-stream",
        "application/json; charset=utf-32", "application/json; charset=nonsense", "application/problem+json", "text/json", "*/*", "json", ";;==", "");

    private static Gen<string> ObjectFor(string[] fields) =>
        Gen.Select(JsonValue.Null(0.25).Array[fields.Length], Gen.Select(Printable, JsonValue).Array[0, 2], (values, extra) =>
            Object(fields.Zip(values).Where(f => f.Second is not null).Select(f => (f.First, f.Second!)).Concat(extra).ToArray()));

    private static Gen<Body> BodyFor(Target target)
    {
        var json = ObjectFor(target.BodyFields);
        return Gen.Frequency(
            (3, Gen.Const(new Body(null, null))),
            (1, Gen.Const(new Body("application/json", []))),
            (2, JsonLiteral.Select(Body.Json)),
            (8, json.Select(Body.Json)),
            (2, json.SelectMany(text => Gen.Int[0, Math.Max(0, text.Length - 1)].Select(cut => Body.Json(text[..cut])))),
            (1, DeepNesting.Select(Body.Json)),
            // Invalid UTF-8 inside a string value: overlong, truncated and stray continuation bytes.
            (1, Gen.Select(json, Gen.OneOf<byte[]>([0xFF, 0xFE], [0xC3, 0x28], [0xE2, 0x82], [0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80]),
                (text, bad) => new Body("application/json", Encoding.UTF8.GetBytes("{\"" + (target.BodyFields.FirstOrDefault() ?? "x") + "\":\"")
                    .Concat(bad).Concat(Encoding.UTF8.GetBytes("\"," + text.TrimStart('{'))).ToArray()))),
            (1, Gen.Byte.Array[1, 200].Select(bytes => new Body("application/json", bytes))),
            (2, Gen.Select(ContentType, json, (type, text) => new Body(type, Encoding.UTF8.GetBytes(text)))),
            (1, json.Select(text => new Body("application/json; charset=utf-16", Encoding.Unicode.GetBytes(text)))));
    }

    private static Gen<FuzzRequest> RequestsTo(Target target) =>
        Gen.Select(Caller, PathFor(target.Route), Query, Header.Array[0, 3], BodyFor(target),
            (caller, path, query, headers, body) => new FuzzRequest(caller, target.Method, target.Route, path + query, headers, body));

    private static Gen<string> PathFor(string route)
    {
        var parameters = RouteParameter().Count(route);
        return PathValue.Array[parameters].Select(values =>
        {
            var i = 0;
            return RouteParameter().Replace(route, _ => values[i++]);
        });
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    private static string Object((string Name, string Value)[] fields) =>
        "{" + string.Join(',', fields.Select(f => $"{JsonString(f.Name)}:{f.Value}")) + "}";

    /// <summary>A JSON string literal; non-ASCII is \u-escaped, so a lone surrogate stays in the JSON (and must be refused there).</summary>
    private static string JsonString(string text)
    {
        var json = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => json.Append("\\\""),
                '\\' => json.Append("\\\\"),
                < ' ' or > '~' => json.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => json.Append(c),
            };
        }

        return json.Append('"').ToString();
    }

    /// <summary>A request body as sent: its Content-Type header (null: none) and bytes (null: no body at all).</summary>
    private sealed record Body(string? ContentType, byte[]? Bytes)
    {
        public static Body Json(string text) => new("application/json", Encoding.UTF8.GetBytes(text));
    }

    /// <summary>One generated request; <see cref="ToString"/> prints it so that it can be sent again by hand.</summary>
    private sealed record FuzzRequest(string Caller, string Method, string Route, string PathAndQuery, (string Name, string Value)[] Headers, Body Body)
    {
        public HttpRequestMessage ToMessage()
        {
            var request = new HttpRequestMessage(new HttpMethod(Method), new Uri(PathAndQuery, UriKind.Relative));
            // A name given twice is sent with both values, as printed.
            foreach (var (name, value) in Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value).ShouldBeTrue($"header {name}");
            }

            if (Body.Bytes is not null)
            {
                request.Content = new ByteArrayContent(Body.Bytes);
                if (Body.ContentType is not null)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", Body.ContentType).ShouldBeTrue("Content-Type");
                }
            }

            return request;
        }

        public override string ToString()
        {
            var text = new StringBuilder($"{Method} {PathAndQuery} as {Caller}");
            foreach (var (name, value) in Headers)
            {
                text.Append(CultureInfo.InvariantCulture, $"{Environment.NewLine}  {name}: {Readable(value)}");
            }

            if (Body.Bytes is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"{Environment.NewLine}  Content-Type: {Body.ContentType ?? "(none)"}");
                text.Append(CultureInfo.InvariantCulture, $"{Environment.NewLine}  body ({Body.Bytes.Length} bytes): {Readable(Body.Bytes)}");
            }

            return text.ToString();
        }

        /// <summary>Runs of one character shortened to {'c'×count}; bytes that are not UTF-8 as \xNN.</summary>
        private static string Readable(byte[] bytes)
        {
            var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
            try
            {
                return Readable(utf8.GetString(bytes));
            }
            catch (DecoderFallbackException)
            {
                return string.Concat(bytes.Select(b => b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}"));
            }
        }

        private static string Readable(string text) =>
            Regex.Replace(text, @"(.{1,2}?)\1{19,}", run => $"{{'{run.Groups[1].Value}'×{run.Length / run.Groups[1].Length}}}", RegexOptions.Singleline);
    }
}
