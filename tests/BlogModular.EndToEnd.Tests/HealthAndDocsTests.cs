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

        document.ShouldNotContain("\"/api/auth/register\"", customMessage: "Identity's register is not offered (sign-up is)");
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
    public async Task Every_operation_has_one_known_tag_a_unique_camel_case_operation_id_and_a_summary()
    {
        var document = await DocumentAsync();
        var tags = document["tags"]!.AsArray().Select(tag => tag!["name"]!.GetValue<string>()).ToList();
        // In the order of the module list, then the host's own area.
        tags.ShouldBe(["Posts", "Reviews", "Accounts", "Operations"]);
        document["tags"]!.AsArray().ShouldAllBe(tag => !string.IsNullOrWhiteSpace((string?)tag!["description"]));
        document["info"]!["title"]!.GetValue<string>().ShouldBe("BlogModular API");

        var operations = Operations(document).ToList();
        operations.Count.ShouldBeGreaterThanOrEqualTo(25);
        foreach (var (name, operation) in operations)
        {
            var operationTags = operation["tags"]?.AsArray().Select(tag => tag!.GetValue<string>()).ToList() ?? [];
            operationTags.Count.ShouldBe(1, $"{name} has tags [{string.Join(", ", operationTags)}]");
            tags.ShouldContain(operationTags[0], $"{name}'s tag");
            ((string?)operation["operationId"]).ShouldNotBeNull($"{name} has no operationId").ShouldMatch("^[a-z][A-Za-z0-9]*$", name);
            ((string?)operation["summary"]).ShouldNotBeNullOrWhiteSpace($"{name} has no summary");
        }

        operations.Select(o => (string)o.Operation["operationId"]!).ShouldBeUnique();
    }

    [Theory]
    [InlineData("post", "/api/posts", "submitPost", new[] { 400, 401, 409, 413, 415, 422, 429 })]
    [InlineData("get", "/api/posts/{id}", "getPost", new[] { 404 })]
    [InlineData("post", "/api/approvals/{id}/start", "startReview", new[] { 401, 403, 404, 409 })]
    [InlineData("post", "/api/approvals/{id}/decision", "decideReview", new[] { 400, 401, 403, 404, 409, 413, 415 })]
    [InlineData("post", "/api/auth/login", "login", new[] { 400, 401, 413, 415, 429 })]
    [InlineData("post", "/api/auth/logout", "logout", new[] { 401 })]
    public async Task Operations_declare_their_4xx_answers_as_problem_details(string method, string path, string operationId, int[] statuses)
    {
        var operation = (await DocumentAsync())["paths"]![path]![method]!;

        operation["operationId"]!.GetValue<string>().ShouldBe(operationId);
        var responses = operation["responses"]!.AsObject();
        responses.Select(r => r.Key).Where(status => status.StartsWith('4')).Select(int.Parse).Order().ShouldBe(statuses);
        foreach (var status in statuses)
        {
            var schema = responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!;
            schema.GetValue<string>().ShouldBe(status == 400 ? "#/components/schemas/HttpValidationProblemDetails" : "#/components/schemas/ProblemDetails");
        }
    }

    [Fact]
    public async Task Anonymous_operations_need_no_token_and_every_request_body_has_an_example()
    {
        var document = await DocumentAsync();
        var operations = Operations(document).ToDictionary(o => (string)o.Operation["operationId"]!, o => o.Operation);

        operations["listPublishedPosts"]["security"]!.AsArray().ShouldBeEmpty();
        operations["login"]["security"]!.AsArray().ShouldBeEmpty();
        operations["submitPost"]["security"].ShouldBeNull("inherits the document's bearer requirement");
        foreach (var (id, operation) in operations.Where(o => o.Value["requestBody"] is not null))
        {
            operation["requestBody"]!["content"]!.AsObject().ShouldAllBe(media => media.Value!["example"] != null, $"{id} has no request example");
        }
    }

    private async Task<System.Text.Json.Nodes.JsonNode> DocumentAsync() =>
        System.Text.Json.Nodes.JsonNode.Parse(await _http.GetStringAsync("/openapi/v1.json"))!;

    private static IEnumerable<(string Name, System.Text.Json.Nodes.JsonNode Operation)> Operations(System.Text.Json.Nodes.JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(entry => entry.Key is "get" or "post" or "put" or "patch" or "delete")
            .Select(entry => ($"{entry.Key.ToUpperInvariant()} {path.Key}", entry.Value!)));

    [Fact]
    public async Task Scalar_ui_is_served()
    {
        var response = await _http.GetAsync("/scalar/");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("<html", Case.Insensitive);
    }
}
