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
    private string _mail = "";

    public async Task InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        var data = Directory.CreateTempSubdirectory("blogmodular-demo-").FullName;
        _mail = Path.Combine(data, "mail");
        var clock = Stopwatch.StartNew();
        // As run.sh exports them (Kafka's address file and the mail sink in a scratch folder instead of .data/), after
        // migrate with the admin connection.
        var logins = new DatabaseLogins(_postgres.ConnectionString, BlogModular.Host.Modules.All.Select(m => m.ConnectionStringName));
        await logins.MigrateAsync(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" });
        _host = HostProcess.Start("demo", new Dictionary<string, string>(logins.Environment())
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Mail__PickupDirectory"] = _mail,
            ["Kafka__BootstrapFile"] = Path.Combine(data, "kafka-bootstrap"),
            ["Demo__Enabled"] = "true",
            ["Approvals__Review__OverdueAfter"] = DemoOverdueAfter(),
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

    [Fact]
    public async Task The_demo_shows_categories_summaries_markdown_search_an_edited_post_an_overdue_card_and_decision_e_mails()
    {
        var accounts = PrintedAccounts();
        var baseUrl = _host.BaseAddress!.ToString().TrimEnd('/');
        var visitor = await _browser.NewPageAsync(baseUrl);

        // Summaries and categories on the home page; a category's own page.
        await visitor.GotoAsync(PostsPages.Feed);
        await Expect(visitor.Locator(".card", new() { HasText = "Welcome to BlogModular" }).Locator(".excerpt"))
            .ToHaveTextAsync("What this blog is and how a post gets here.");
        await visitor.Locator(".card .category", new() { HasText = "Engineering" }).First.ClickAsync();
        await Expect(visitor).ToHaveURLAsync(new Regex("/categories/engineering$"));
        await Expect(visitor.GetByRole(AriaRole.Link, new() { Name = "Modular monoliths, one year in" })).ToBeVisibleAsync();

        // Rendered Markdown.
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Modular monoliths, one year in" }).ClickAsync();
        await Expect(visitor.Locator(".content li").First).ToHaveTextAsync("each module owns its schema");

        // A search that finds the post that was rejected, edited and then approved, under its new title.
        await visitor.GotoAsync(PostsPages.Feed);
        await visitor.GetByRole(AriaRole.Searchbox, new() { Name = "Search posts" }).FillAsync("partition order");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Link, new() { Name = "Kafka keys, explained", Exact = true })).ToBeVisibleAsync();
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Kafka keys, explained", Exact = true }).ClickAsync();
        await Expect(visitor.Locator(".content strong")).ToHaveTextAsync("key");

        // Its author sees both revisions on its timeline.
        var author = await _browser.NewPageAsync(baseUrl);
        await author.LogInAsync(accounts["author"].Email, accounts["author"].Password);
        await author.GotoAsync(visitor.Url);
        var timeline = author.GetByRole(AriaRole.Region, new() { Name = "Review timeline" });
        await Expect(timeline.GetByRole(AriaRole.Heading, new() { Name = "Revision 2" })).ToBeVisibleAsync();
        await Expect(timeline).ToContainTextAsync("Explain what a key decides");

        // An overdue card: the demo's To Do request, once it has waited longer than the demo's OverdueAfter.
        var reviewer = await _browser.NewPageAsync(baseUrl);
        await reviewer.LogInAsync(accounts["reviewer"].Email, accounts["reviewer"].Password);
        // The live board turns a card overdue by itself once its wait passes (a timer, no reload).
        await reviewer.GotoAsync(ReviewPages.Board);
        await Expect(reviewer.Locator("[data-column=ToDo] .card .badge-overdue").First).ToBeVisibleAsync(new() { Timeout = 90_000 });

        // Decision e-mails to the author in the mail folder: one per decision the demo made.
        var subjects = await Eventually.GetAsync(
            async () =>
            {
                var all = await Task.WhenAll(Directory.GetFiles(_mail, "*.eml").Select(f => File.ReadAllTextAsync(f)));
                var decisions = all.Select(m => SubjectLine().Match(m)).Where(m => m.Success).Select(m => m.Groups[1].Value)
                    .Where(s => s.EndsWith("approved", StringComparison.Ordinal) || s.EndsWith("rejected", StringComparison.Ordinal)).ToList();
                return decisions.Count >= 5 ? decisions : null;
            },
            TimeSpan.FromSeconds(60));
        output.WriteLine(string.Join(Environment.NewLine, subjects));
        subjects.Count.ShouldBe(5, "approved ×2, rejected ×1, and the edited post's rejection and approval");
        subjects.ShouldContain("Your post \"Kafka keys, explained\" was approved");
    }

    private static string DemoOverdueAfter() =>
        ShellDefault().Match(File.ReadAllText(Path.Combine(Repository.Root, "run.sh"))).Groups[1].Value;

    /// <summary>run.sh's default for the demo's OverdueAfter, so the test runs what the script runs.</summary>
    [GeneratedRegex(@"Approvals__Review__OverdueAfter:-([0-9:]+)\}")]
    private static partial Regex ShellDefault();

    [GeneratedRegex(@"^Subject: (.*)$", RegexOptions.Multiline)]
    private static partial Regex SubjectLine();

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
