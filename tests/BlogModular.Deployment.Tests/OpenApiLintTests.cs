using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using BlogModular.Testing;
using Xunit.Abstractions;

namespace BlogModular.Deployment.Tests;

/// <summary>
/// The OpenAPI document each deployment shape serves passes Redocly CLI's recommended ruleset (as adjusted in the
/// repository's redocly.yaml) with no error and no warning. ./test.sh installs the pinned CLI.
/// </summary>
[Collection(DeploymentGroup.Name)]
public sealed class OpenApiLintTests(Deployment deployment, ITestOutputHelper output)
{
    /// <summary>Overrides where the CLI is looked for (by default, where ./test.sh installs it).</summary>
    public const string RedoclyVariable = "BLOGMODULAR_REDOCLY";

    private static readonly SemaphoreSlim AllInOneStart = new(1, 1);
    private static HostProcess? _allInOne;

    [Theory]
    [InlineData("all-in-one")]
    [InlineData("blogging")]
    [InlineData("approvals")]
    public async Task The_served_openapi_document_has_no_redocly_errors_or_warnings(string process)
    {
        var host = process switch
        {
            "blogging" => deployment.Blogging,
            "approvals" => deployment.Approvals,
            _ => await AllInOneAsync(),
        };
        using var http = host.CreateClient();
        var document = Path.Combine(Directory.CreateTempSubdirectory("blogmodular-openapi-").FullName, $"{process}.json");
        await File.WriteAllTextAsync(document, await http.GetStringAsync("/openapi/v1.json"));

        var (exitCode, stdout, stderr) = await RunRedoclyAsync(
            "lint", document, "--config", Path.Combine(Repository.Root, "redocly.yaml"), "--format", "json");

        var report = JsonNode.Parse(stdout) ?? throw new InvalidOperationException($"Redocly printed no report:{Environment.NewLine}{stderr}");
        var problems = report["problems"]!.AsArray().Select(Describe).ToList();
        output.WriteLine($"{process}: {problems.Count} problem(s) in {document}");
        problems.ForEach(output.WriteLine);
        problems.Count.ShouldBe(0, $"Redocly lint of {process}'s /openapi/v1.json:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        exitCode.ShouldBe(0, stderr);
    }

    /// <summary>One process with both modules, started once for this class and stopped with the deployment.</summary>
    private async Task<HostProcess> AllInOneAsync()
    {
        await AllInOneStart.WaitAsync();
        try
        {
            return _allInOne ??= await deployment.StartModuleAsync("all-in-one", blogging: true, approvals: true);
        }
        finally
        {
            AllInOneStart.Release();
        }
    }

    private static string Describe(JsonNode? problem)
    {
        var where = problem?["location"]?.AsArray().FirstOrDefault()?["pointer"]?.GetValue<string>() ?? "";
        return $"{problem?["severity"]} {problem?["ruleId"]} at {where}: {problem?["message"]}";
    }

    private static string Redocly()
    {
        var path = Environment.GetEnvironmentVariable(RedoclyVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(Repository.Root, ".tools", "redocly", "node_modules", ".bin", "redocly");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"Redocly CLI not found at {path}: run ./test.sh (it installs the pinned version) or set {RedoclyVariable}.", path);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunRedoclyAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Redocly())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // No usage reports or update checks from a test run.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var redocly = Process.Start(start) ?? throw new InvalidOperationException("Could not start Redocly CLI.");
        var stdout = redocly.StandardOutput.ReadToEndAsync();
        var stderr = redocly.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await redocly.WaitForExitAsync(timeout.Token);
        return (redocly.ExitCode, await stdout, await stderr);
    }
}
