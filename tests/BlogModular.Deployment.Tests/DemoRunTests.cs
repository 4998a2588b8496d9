using System.Diagnostics;
using System.Text.RegularExpressions;
using BlogModular.Approvals.Features.Reviews;
using BlogModular.Blogging.Features.Posts;
using BlogModular.Browser.Tests;
using BlogModular.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BlogModular.Deployment.Tests;

/// <summary>
/// <c>./run.sh --demo</c> without the script's private PostgreSQL on a fixed port: the all-in-one host as an OS
/// process with the environment run.sh gives it (Development, <c>Demo__Enabled</c>, no Kafka address, so the
/// embedded broker), and the accounts read from what run.sh prints. In the deployment collection so it does not
/// compete with the split deployment's processes for the machine.
/// </summary>
[Collection(DeploymentGroup.Name)]
public sealed partial class DemoRunTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private PostgresServer _postgres = null!;
    private HostProcess _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private TimeSpan _seeded;

    public async Task InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        var data = Directory.CreateTempSubdirectory("blogmodular-demo-").FullName;
        var clock = Stopwatch.StartNew();
        // As run.sh exports them (Kafka's address file and the mail sink in a scratch folder instead of .data/).
        _host = HostProcess.Start("demo", new Dictionary<string, string>
        {
            ["ConnectionStrings__BlogModular"] = _postgres.ConnectionString,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Mail__PickupDirectory"] = Path.Combine(data, "mail"),
            ["Kafka__BootstrapFile"] = Path.Combine(data, "kafka-bootstrap"),
            ["Demo__Enabled"] = "true",
        }, HostProcess.FreePort());
        await _host.WaitUntilReadyAsync(StartTimeout);
        await _host.WaitForLineAsync("Demo data created", StartTimeout);
        _seeded = clock.Elapsed;

        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    [Fact]
    public async Task Demo_accounts_printed_by_run_sh_sign_in_and_the_feed_and_every_board_column_are_filled()
    {
        output.WriteLine($"host start to demo data created: {_seeded.TotalSeconds:0.0} s");
        var accounts = PrintedAccounts();
        var baseUrl = _host.BaseAddress!.ToString().TrimEnd('/');

        var visitor = await _browser.NewPageAsync(baseUrl);
        await visitor.GotoAsync(PostsPages.Feed);
        await Expect(visitor.Locator(".card").First).ToBeVisibleAsync();
        output.WriteLine($"published posts on the home page: {await visitor.Locator(".card").CountAsync()}");

        var reviewer = await _browser.NewPageAsync(baseUrl);
        await reviewer.LogInAsync(accounts["reviewer"].Email, accounts["reviewer"].Password);
        await reviewer.GotoAsync(ReviewPages.Board);
        foreach (var column in new[] { "ToDo", "InProgress", "Done" })
        {
            await Expect(reviewer.Locator($"[data-column={column}] .card").First).ToBeVisibleAsync();
        }

        var author = await _browser.NewPageAsync(baseUrl);
        await author.LogInAsync(accounts["author"].Email, accounts["author"].Password);
        await author.GotoAsync(PostsPages.Mine);
        await Expect(author.Locator(".card").First).ToBeVisibleAsync();
    }

    /// <summary>The "Demo accounts" lines run.sh prints, e.g. <c>reviewer  rita@demo.local / Demo-reviewer-1</c>.</summary>
    private static Dictionary<string, (string Email, string Password)> PrintedAccounts()
    {
        var script = File.ReadAllText(Path.Combine(Repository.Root, "run.sh"));
        var accounts = AccountLine().Matches(script).ToDictionary(m => m.Groups[1].Value, m => (m.Groups[2].Value, m.Groups[3].Value));
        accounts.Keys.ShouldBe(["reviewer", "author"], ignoreOrder: true);
        return accounts;
    }

    [GeneratedRegex(@"^\s+(reviewer|author)\s+(\S+@\S+)\s+/\s+(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex AccountLine();
}
