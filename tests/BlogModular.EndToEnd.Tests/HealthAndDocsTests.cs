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

        foreach (var path in new[] { "/api/posts", "/api/posts/{id}", "/api/approvals", "/api/approvals/{id}", "/api/approvals/{id}/start", "/api/approvals/{id}/decision" })
        {
            document.ShouldContain($"\"{path}\"");
        }
    }

    [Fact]
    public async Task Scalar_ui_is_served()
    {
        var response = await _http.GetAsync("/scalar/");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("<html", Case.Insensitive);
    }
}
