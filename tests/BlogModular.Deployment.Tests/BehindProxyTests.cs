using System.Net;
using System.Net.Http.Json;
using BlogModular.Testing;
using MimeKit;

namespace BlogModular.Deployment.Tests;

/// <summary>
/// A Production process as it runs behind a TLS-terminating proxy: its public address is https, the proxy
/// (here: this test, on 127.0.0.1) is configured as known and says through X-Forwarded-Proto and X-Forwarded-For
/// what the client used and who it is.
/// </summary>
[Collection(DeploymentGroup.Name)]
public sealed class BehindProxyTests(Deployment deployment)
{
    private const string PublicHost = "blog.example.test";

    private static readonly SemaphoreSlim Start = new(1, 1);
    private static HostProcess? _host;

    [Fact]
    public async Task Plain_http_from_the_proxy_is_redirected_to_https_and_https_gets_hsts()
    {
        using var http = await ClientAsync(allowRedirect: false);

        var plain = await http.SendAsync(Request("/", proto: "http"));
        plain.StatusCode.ShouldBe(HttpStatusCode.TemporaryRedirect);
        plain.Headers.Location.ShouldBe(new Uri($"https://{PublicHost}/"));

        var secure = await http.SendAsync(Request("/", proto: "https"));
        secure.StatusCode.ShouldBe(HttpStatusCode.OK);
        secure.Headers.GetValues("Strict-Transport-Security").Single().ShouldContain("max-age=");
    }

    [Fact]
    public async Task A_host_header_that_is_not_allowed_is_refused()
    {
        using var http = await ClientAsync(allowRedirect: false);
        using var request = Request("/", proto: "https");
        request.Headers.Host = "evil.example.test";

        (await http.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Links_in_mails_point_at_the_public_address_whatever_host_the_request_named()
    {
        using var http = await ClientAsync(allowRedirect: false);
        var email = $"public.{Guid.NewGuid():N}@example.test";
        using var request = Request("/api/auth/signup", proto: "https");
        request.Method = HttpMethod.Post;
        // An allowed Host that is not the public one: the link must not follow it.
        request.Headers.Host = $"127.0.0.1:{_host!.BaseAddress!.Port}";
        request.Content = JsonContent.Create(new { email, displayName = "Pia", password = Deployment.Password });

        (await http.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var link = await Eventually.GetAsync(async () =>
        {
            foreach (var file in Directory.EnumerateFiles(Deployment.MailDirectory, "*.eml"))
            {
                var message = await MimeMessage.LoadAsync(file);
                if (message.To.Mailboxes.Any(m => m.Address == email))
                {
                    return message.HtmlBody;
                }
            }

            return null;
        }, TimeSpan.FromSeconds(30), $"the confirmation mail to {email}");
        link.ShouldContain($"href=\"https://{PublicHost}/api/auth/confirmEmail?");
    }

    [Fact]
    public async Task Account_limits_count_the_client_the_known_proxy_names_not_the_proxy()
    {
        using var http = await ClientAsync(allowRedirect: false);

        async Task<HttpStatusCode> LoginFromAsync(string client)
        {
            using var request = Request("/api/auth/login", proto: "https");
            request.Method = HttpMethod.Post;
            request.Headers.Add("X-Forwarded-For", client);
            request.Content = JsonContent.Create(new { email = "nobody@example.test", password = "wrong" });
            return (await http.SendAsync(request)).StatusCode;
        }

        (await LoginFromAsync("198.51.100.1")).ShouldBe(HttpStatusCode.Unauthorized);
        (await LoginFromAsync("198.51.100.1")).ShouldBe(HttpStatusCode.Unauthorized);
        (await LoginFromAsync("198.51.100.1")).ShouldBe(HttpStatusCode.TooManyRequests);
        (await LoginFromAsync("198.51.100.2")).ShouldBe(HttpStatusCode.Unauthorized, "another client behind the same proxy has its own limit");
    }

    private static HttpRequestMessage Request(string path, string proto)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = PublicHost;
        request.Headers.Add("X-Forwarded-Proto", proto);
        return request;
    }

    private async Task<HttpClient> ClientAsync(bool allowRedirect)
    {
        var host = await HostAsync();
        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = allowRedirect }) { BaseAddress = host.BaseAddress };
    }

    /// <summary>Started once for the class, stopped with the deployment.</summary>
    private async Task<HostProcess> HostAsync()
    {
        await Start.WaitAsync();
        try
        {
            if (_host is null)
            {
                var (port, managementPort) = (HostProcess.FreePort(), HostProcess.FreePort());
                var settings = Deployment.ProductionSettings(port, managementPort);
                settings["App__PublicBaseUrl"] = $"https://{PublicHost}";
                // The public host, and the address the readiness wait of the tests uses.
                settings["AllowedHosts"] = $"{PublicHost};127.0.0.1";
                settings["Proxy__KnownProxies"] = "127.0.0.1";
                settings["Accounts__RateLimit__PermitLimit"] = "2";
                _host = await deployment.StartModuleAsync("behind-proxy", blogging: true, approvals: true, settings, port);
            }

            return _host;
        }
        finally
        {
            Start.Release();
        }
    }
}
