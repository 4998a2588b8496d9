using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BlogModular.Accounts.Features.Users;
using BlogModular.Testing;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace BlogModular.EndToEnd.Tests;

/// <summary>
/// Operators run the message flow and manage the operator role; reviewers keep the editorial endpoints and manage the
/// reviewer role. Every grant and removal lands in the role-change log, which only operators read, newest first.
/// </summary>
[Collection(HostGroup.Name)]
public sealed class OperatorRoleTests(AppFixture app)
{
    private const string Log = "/api/operators/role-changes";

    [Fact]
    public async Task An_operator_grants_and_removes_the_operator_role_and_the_log_lists_both_newest_first()
    {
        var olga = await app.SignedInAsync("Olga", @operator: true);
        var gina = await app.SignedInAsync("Gina");
        (await gina.Http.GetAsync("/api/ops/messages")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await olga.Http.PutAsync($"/api/operators/{gina.Email}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        // Her token was issued before the grant; her roles are re-read within the revalidation bound.
        await Eventually.HoldsAsync(async () => (await gina.Http.GetAsync("/api/ops/messages")).StatusCode == HttpStatusCode.OK,
            AppFixture.RevalidateAfter + TimeSpan.FromSeconds(1), "the granted role to reach Gina's token");
        (await olga.Http.DeleteAsync($"/api/operators/{gina.Email}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var entries = await EntriesForAsync(olga, gina.Email!);
        entries.Select(e => (e["role"]!.GetValue<string>(), e["change"]!.GetValue<string>())).ShouldBe([("Operator", "Removed"), ("Operator", "Granted")]);
        entries.ShouldAllBe(e => e["by"]!["name"]!.GetValue<string>() == olga.Email && e["by"]!["id"] != null);
        entries[0]["at"]!.GetValue<DateTimeOffset>().ShouldBeGreaterThanOrEqualTo(entries[1]["at"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task A_reviewer_removes_the_reviewer_role_and_the_change_is_logged_once_however_often_it_is_asked()
    {
        var rita = await app.SignedInAsync("Rita", reviewer: true);
        var rex = await app.SignedInAsync("Rex", reviewer: true);
        var olga = await app.SignedInAsync("Olga", @operator: true);

        (await rita.Http.DeleteAsync($"/api/reviewers/{rex.Email}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await rita.Http.DeleteAsync($"/api/reviewers/{rex.Email}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await rita.Http.PutAsync($"/api/reviewers/{rex.Email}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await rita.Http.PutAsync($"/api/reviewers/{rex.Email}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var entries = await EntriesForAsync(olga, rex.Email!);
        entries.Select(e => e["change"]!.GetValue<string>()).ShouldBe(["Granted", "Removed"]);
        entries.ShouldAllBe(e => e["role"]!.GetValue<string>() == "Reviewer" && e["by"]!["name"]!.GetValue<string>() == rita.Email);
    }

    [Fact]
    public async Task An_unknown_address_is_a_404_problem_and_nothing_is_logged()
    {
        var olga = await app.SignedInAsync("Olga", @operator: true);
        var nobody = $"nobody.{Guid.NewGuid():N}@example.test";

        var response = await olga.Http.PutAsync($"/api/operators/{nobody}", null);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await app.ScalarAsync<long>("select count(*) from identity.role_changes where user_email = $1", nobody)).ShouldBe(0);
    }

    [Fact]
    public async Task A_role_given_by_the_accounts_command_is_logged_as_done_by_the_command_line()
    {
        var olga = await app.SignedInAsync("Olga", @operator: true);
        var email = $"ops.{Guid.NewGuid():N}@example.test";
        await using (var scope = app.Host.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<IMessageBus>()
                .InvokeAsync<AddUserResult>(new AddUser(email, "Opal", Accounts.Password, Reviewer: false, Operator: true));
            result.Errors.ShouldBeEmpty();
        }

        var entry = (await EntriesForAsync(olga, email)).ShouldHaveSingleItem();
        (entry["role"]!.GetValue<string>(), entry["change"]!.GetValue<string>()).ShouldBe(("Operator", "Granted"));
        entry["by"]!["name"]!.GetValue<string>().ShouldBe("command line");
        entry["by"]!["id"].ShouldBeNull();
    }

    [Fact]
    public async Task The_log_pages_newest_first_with_a_cursor()
    {
        var olga = await app.SignedInAsync("Olga", @operator: true);
        var gina = await app.SignedInAsync("Gina");
        (await olga.Http.PutAsync($"/api/operators/{gina.Email}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await olga.Http.DeleteAsync($"/api/operators/{gina.Email}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var first = (await olga.Http.GetFromJsonAsync<JsonObject>($"{Log}?limit=1"))!;
        var second = (await olga.Http.GetFromJsonAsync<JsonObject>($"{Log}?limit=1&after={first["next"]!.GetValue<string>()}"))!;

        // Nothing else changes roles between the two reads in this test, but other tests may: compare by position only.
        var newest = first["items"]!.AsArray().ShouldHaveSingleItem()!;
        var older = second["items"]!.AsArray().ShouldHaveSingleItem()!;
        newest["id"]!.GetValue<Guid>().ShouldNotBe(older["id"]!.GetValue<Guid>());
        newest["at"]!.GetValue<DateTimeOffset>().ShouldBeGreaterThanOrEqualTo(older["at"]!.GetValue<DateTimeOffset>());
        (await olga.Http.GetAsync($"{Log}?limit=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await olga.Http.GetAsync($"{Log}?after=not-a-cursor")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    /// <summary>The log's entries for one account, newest first, read page by page as an operator.</summary>
    private static async Task<List<JsonNode>> EntriesForAsync(Api @operator, string email)
    {
        var entries = new List<JsonNode>();
        string? after = null;
        do
        {
            var page = (await @operator.Http.GetFromJsonAsync<JsonObject>($"{Log}?limit=200{(after is null ? "" : $"&after={after}")}"))!;
            entries.AddRange(page["items"]!.AsArray().Where(e => e!["email"]!.GetValue<string>() == email).Select(e => e!));
            after = page["next"]?.GetValue<string>();
        }
        while (after is not null);

        return entries;
    }
}
