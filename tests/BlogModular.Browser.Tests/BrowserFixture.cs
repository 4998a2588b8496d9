using BlogModular.Blogging.Contracts;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using BlogModular.Approvals.Contracts;
using BlogModular.Approvals.Domain;
using BlogModular.Approvals.Features.Requests;
using BlogModular.Approvals.Features.Reviews;
using BlogModular.Approvals.Persistence;
using BlogModular.Blogging.Domain;
using BlogModular.Blogging.Features.Posts;
using BlogModular.Blogging.Persistence;
using BlogModular.DevTools;
using BlogModular.BuildingBlocks.Security;
using BlogModular.Accounts;
using BlogModular.Accounts.Domain;
using BlogModular.Accounts.Features.Access;
using BlogModular.BuildingBlocks.UseCases;
using BlogModular.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using MimeKit;
using Wolverine;

namespace BlogModular.Browser.Tests;

/// <summary>
/// The whole host on a real Kestrel port (a browser needs one), against a throwaway PostgreSQL cluster and the
/// embedded Kafka-protocol broker, driven by Debian's Chromium through Playwright. Nothing is mocked.
/// </summary>
public sealed partial class BrowserFixture : IAsyncLifetime
{
    public const string Password = TestAccounts.Password;

    /// <summary>How often the host revalidates open sessions here (Accounts:Sessions:RevalidateAfter).</summary>
    private static readonly TimeSpan RevalidateAfter = TimeSpan.FromSeconds(5);

    private PostgresServer? _postgres;
    private EmbeddedKafkaBroker? _broker;
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>What the host warned of lately, for a test's failure message.</summary>
    public HostWarnings HostWarnings { get; } = new();

    public string MailDirectory { get; } = Directory.CreateTempSubdirectory("blogmodular-browser-mail-").FullName;

    /// <summary>Git-ignored (TestResults/): a screenshot of each main page, for people to look at.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(Repository.Root, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        var bootstrap = Environment.GetEnvironmentVariable("BLOGMODULAR_TEST_KAFKA");
        if (string.IsNullOrWhiteSpace(bootstrap))
        {
            _broker = EmbeddedKafkaBroker.Start();
            foreach (var topic in BlogModular.Host.Modules.Topics)
            {
                _broker.CreateTopic(topic, 3);
            }
            bootstrap = _broker.BootstrapServers;
        }

        // Program ends in RunJasperFxCommands; this makes it start the host WebApplicationFactory built (as Alba does).
        JasperFx.CommandLine.JasperFxEnvironment.AutoStartHost = true;
        var port = FreePort();
        var logins = new DatabaseLogins(_postgres.ConnectionString, BlogModular.Host.Modules.All.Select(m => m.ConnectionStringName));
        await logins.MigrateAsync(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Kafka__BootstrapServers"] = bootstrap, ["Kafka__AutoProvision"] = "false" });
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseEnvironment("Development")
            .UseSettings(logins.Settings())
            .UseSetting("Kafka:BootstrapServers", bootstrap)
            .UseSetting("Kafka:AutoProvision", _broker is null ? "true" : "false")
            .UseSetting("Mail:PickupDirectory", MailDirectory)
            // E-mails link to the site's public address, which here is the test's own Kestrel port.
            .UseSetting("App:PublicBaseUrl", $"http://127.0.0.1:{port}")
            .UseSetting("Accounts:RateLimit:PermitLimit", "100000")
            .UseSetting("RateLimits:Writing:PermitLimit", "100000")
            // Open live pages learn of a changed sign-in within this (30 s unless set).
            .UseSetting("Accounts:Sessions:RevalidateAfter", RevalidateAfter.ToString())
            .ConfigureLogging(logging => logging.AddProvider(HostWarnings)));
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        _factory.StartServer();
        BaseUrl = $"http://127.0.0.1:{port}";

        Directory.CreateDirectory(ScreenshotDirectory);
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    /// <summary>A fresh browser profile (no cookies) with one tab on the site.</summary>
    public Task<IPage> NewPageAsync(int width = 1280, int height = 900) => Browser.NewPageAsync(BaseUrl, width, height);

    /// <summary>A confirmed account, as after following the e-mailed link.</summary>
    public async Task<string> CreateAccountAsync(string displayName, bool reviewer = false)
    {
        var email = $"{displayName.ToLowerInvariant().Replace(' ', '.')}.{Guid.NewGuid():N}@example.test";
        await using var scope = _factory!.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = new User { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
        (await users.CreateAsync(user, Password)).Succeeded.ShouldBeTrue();
        if (reviewer)
        {
            (await users.AddToRoleAsync(user, Roles.Reviewer)).Succeeded.ShouldBeTrue();
        }

        return email;
    }

    /// <summary>Grants or takes away <paramref name="role"/> as the API and the command line do.</summary>
    public async Task ChangeRoleAsync(string email, string role, RoleChangeKind change)
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        var changed = await scope.ServiceProvider.GetRequiredService<RoleAssignments>().ChangeAsync(new ChangeRole(email, role, change, RoleChanger.CommandLine));
        changed.Value.ShouldBeTrue();
    }

    /// <summary>The account's user id (an author's posts are theirs by it).</summary>
    public async Task<Guid> UserIdAsync(string email)
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<User>>().FindByEmailAsync(email)
            ?? throw new InvalidOperationException($"No account {email}.");
        return user.Id;
    }

    /// <summary>The host's database, for tests that read PostgreSQL's own statistics.</summary>
    public string DatabaseConnectionString => _postgres!.ConnectionString;

    /// <summary>The confirmation link of the e-mail the development mail sink received for <paramref name="email"/>.</summary>
    public Task<string> ConfirmationLinkAsync(string email) => Eventually.GetAsync(async () =>
    {
        foreach (var file in Directory.EnumerateFiles(MailDirectory, "*.eml"))
        {
            var message = await MimeMessage.LoadAsync(file);
            if (message.To.Mailboxes.Any(m => m.Address == email) && message.HtmlBody is { } html && Href().Match(html) is { Success: true } link)
            {
                return WebUtility.HtmlDecode(link.Groups[1].Value);
            }
        }

        return null;
    }, TimeSpan.FromSeconds(10), $"the confirmation e-mail to {email}");

    /// <summary>
    /// A published post, made the way the UI makes one (the modules' Wolverine handlers), for tests about
    /// reading rather than reviewing.
    /// </summary>
    public async Task<PostResponse> PublishAsync(string title, string content, string category = "general")
    {
        var post = await SubmitAsync(title, content, category: category);
        await ApproveAsync(post.Id);
        return post;
    }

    /// <summary>Starts and approves the review of <paramref name="postId"/> once its request arrived; returns once Blogging published it.</summary>
    public async Task ApproveAsync(Guid postId)
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        var approvals = scope.ServiceProvider.GetRequiredService<ApprovalsDbContext>();
        var approvalId = await Eventually.GetAsync(
            () => approvals.Requests.AsNoTracking().Where(r => r.PostId == postId).Select(r => (object?)r.Id).SingleOrDefaultAsync(),
            TimeSpan.FromSeconds(30), $"the approval request of post {postId}");
        var reviewer = new Actor(Guid.NewGuid(), "Rex");
        (await bus.InvokeAsync<UseCaseResult<ApprovalResponse>>(new StartReview((Guid)approvalId, reviewer))).Problem.ShouldBeNull();
        (await bus.InvokeAsync<UseCaseResult<ApprovalResponse>>(new DecideReview((Guid)approvalId, reviewer, ReviewOutcome.Approved, null))).Problem.ShouldBeNull();
        var blogging = scope.ServiceProvider.GetRequiredService<BloggingDbContext>();
        await Eventually.HoldsAsync(
            () => blogging.Posts.AsNoTracking().AnyAsync(p => p.Id == postId && p.PublishedAt != null),
            TimeSpan.FromSeconds(30), $"post {postId} published");
    }

    /// <summary>A post waiting for review (unpublished), by an author of its own.</summary>
    public async Task<PostResponse> SubmitAsync(string title, string content, Guid? authorId = null, string category = "general")
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        return (await bus.InvokeAsync<UseCaseResult<PostResponse>>(
            new SubmitPost(new Actor(authorId ?? Guid.NewGuid(), "Pat"), title, null, category, content))).Value;
    }

    /// <summary>
    /// Posts of the account <paramref name="authorEmail"/>, written straight into Blogging's table (acknowledged, so no
    /// message and no approval request follows), one millisecond apart in the given order: many items, fast.
    /// </summary>
    public async Task SeedPostsAsync(string authorEmail, IEnumerable<string> titles)
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        var author = await scope.ServiceProvider.GetRequiredService<UserManager<User>>().FindByEmailAsync(authorEmail)
            ?? throw new InvalidOperationException($"No account {authorEmail}.");
        var db = scope.ServiceProvider.GetRequiredService<BloggingDbContext>();
        var at = DateTimeOffset.UtcNow;
        // Tracked, so adding posts that point at it does not add it again.
        var general = await db.Categories.SingleAsync(c => c.Slug == "general");
        var content = new RenderedContent("<p>Seeded.</p>", "Seeded.");
        foreach (var title in titles)
        {
            at = at.AddMilliseconds(1);
            var post = Post.Submit(author.Id, author.DisplayName, PostText.Of(title, null, general, "Seeded.", content), at, TimeSpan.FromMinutes(5));
            post.Acknowledge(1, Guid.CreateVersion7(at), at);
            db.Posts.Add(post);
        }

        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Approval requests written straight into Approvals' table, taken to <paramref name="progress"/> by the domain's
    /// own steps at <paramref name="from"/> plus one millisecond per item, in the given order. Returns their ids.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> SeedApprovalRequestsAsync(IEnumerable<string> titles, ReviewProgress progress, DateTimeOffset from)
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalsDbContext>();
        var at = from;
        var ids = new List<Guid>();
        var seeder = new Actor(Guid.NewGuid(), "Seed");
        foreach (var title in titles)
        {
            at = at.AddMilliseconds(1);
            var request = ApprovalRequest.Receive(
                new PostSubmitted(Guid.NewGuid(), 1, Guid.NewGuid(), "Seed", title, "Seeded.", "general", "Seeded.", at), at);
            if (progress != ReviewProgress.ToDo)
            {
                request.Start(seeder, at, TimeSpan.FromHours(48));
            }

            if (progress == ReviewProgress.Done)
            {
                request.Decide(seeder, ReviewOutcome.Approved, null, at);
            }

            db.Requests.Add(request);
            ids.Add(request.Id);
        }

        await db.SaveChangesAsync();
        return ids;
    }

    /// <summary>Takes seeded requests off the board again, so they do not crowd the first page of later tests.</summary>
    public async Task DeleteApprovalRequestsAsync(IReadOnlyList<Guid> ids)
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalsDbContext>();
        await db.Requests.Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{name}.png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        _broker?.Dispose();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();
}

[CollectionDefinition(Name)]
public sealed class BrowserGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
