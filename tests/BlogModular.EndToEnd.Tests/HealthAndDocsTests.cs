using System.Net;

namespace BlogModular.EndToEnd.Tests;

[Collection(HostGroup.Name)]
public sealed class HealthAndDocsTests(AppFixture app)
{
    private readonly HttpClient _http = app.Host.Server.CreateClient();

    [Fact]
    public async Task Ready_when_postgresql_and_kafka_answer()
    {
        (await _http.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ready = await _http.GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK, await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_document_lists_every_route()
    {
        var document = await _http.GetStringAsync("/openapi/v1.json");

        foreach (var path in new[] { "/api/posts", "/api/posts/{id}", "/api/me/posts", "/api/approvals", "/api/approvals/{id}", "/api/approvals/{id}/start", "/api/approvals/{id}/decision", "/api/auth/login", "/api/auth/signup" })
        {
            document.ShouldContain($"\"{path}\"");
        }
    }

    [Fact]
    public async Task OpenApi_document_declares_the_bearer_security_scheme()
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(await _http.GetStringAsync("/openapi/v1.json"))!;

        var scheme = document["components"]!["securitySchemes"]!["Bearer"]!;
        scheme["type"]!.GetValue<string>().ShouldBe("http");
        scheme["scheme"]!.GetValue<string>().ShouldBe("bearer");
        document["security"]!.AsArray().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Scalar_ui_is_served()
    {
        var response = await _http.GetAsync("/scalar/");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("<html", Case.Insensitive);
    }
}
