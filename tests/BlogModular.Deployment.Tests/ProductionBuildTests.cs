using System.Diagnostics;
using BlogModular.Testing;

namespace BlogModular.Deployment.Tests;

/// <summary>The host as scripts/publish.sh publishes it for production, once for the class.</summary>
public sealed class PublishedHost : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("blogmodular-publish-").FullName;

    public string Assembly => Path.Combine(Directory, "BlogModular.Host.dll");

    public async Task InitializeAsync()
    {
        // ReadyToRun only makes the publish slower; what is shipped is the same.
        var publish = Process.Start(new ProcessStartInfo(Path.Combine(Repository.Root, "scripts", "publish.sh"))
        {
            ArgumentList = { Directory, "-p:PublishReadyToRun=false", "-v", "q" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        publish.ExitCode.ShouldBe(0, $"{await output}\n{await errors}");
    }

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>
/// A production publish leaves the development tools out (ADR 0011): no embedded broker, no runtime code
/// compilation, no Roslyn. Such a host runs the pre-generated Wolverine code and needs a real Kafka — and does
/// the whole review flow with them.
/// </summary>
[Collection(DeploymentGroup.Name)]
public sealed class ProductionBuildTests(Deployment deployment, PublishedHost published) : IClassFixture<PublishedHost>
{
    [Fact]
    public void The_published_host_ships_neither_the_embedded_broker_nor_Roslyn()
    {
        File.Exists(published.Assembly).ShouldBeTrue();
        System.IO.Directory.EnumerateFileSystemEntries(published.Directory).Select(Path.GetFileName)
            .Where(name => name!.StartsWith("BlogModular.DevTools", StringComparison.Ordinal) ||
                           name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) ||
                           name!.StartsWith("BuildHost", StringComparison.Ordinal) ||
                           name!.Contains("RuntimeCompil", StringComparison.Ordinal))
            .ShouldBeEmpty();
    }

    [Fact]
    public async Task The_published_host_without_Kafka_refuses_to_start_and_says_why()
    {
        var host = HostProcess.StartProgram("published", "dotnet", [published.Assembly], new Dictionary<string, string>(deployment.Logins.Environment())
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
        }, published.Directory, address: null);
        await using (host)
        {
            (await host.WaitForExitAsync(TimeSpan.FromMinutes(1))).ShouldNotBe(0);
            host.Tail().ShouldContain("this build has no embedded broker");
        }
    }

    [Fact]
    public async Task The_published_host_runs_the_review_flow_in_Production()
    {
        var environment = deployment.Environment(blogging: true, approvals: true, settings: null);
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var port = HostProcess.FreePort();
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        // Required in Production; plain http is accepted only because it is a loopback address.
        environment["App__PublicBaseUrl"] = $"http://127.0.0.1:{port}";
        var host = HostProcess.StartProgram("published", "dotnet", [published.Assembly], environment, published.Directory, new Uri($"http://127.0.0.1:{port}"));
        await using (host)
        {
            await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            var author = await host.SignedInAsync(Deployment.AuthorEmail);
            var reviewer = await host.SignedInAsync(Deployment.ReviewerEmail);

            var postId = await author.CreatePostAsync("Published build");
            var request = await reviewer.WaitForApprovalAsync(postId);
            await reviewer.ReviewAsync(request.Id(), "Approved");

            await author.WaitForPostStatusAsync(postId, "Published");
        }
    }
}
