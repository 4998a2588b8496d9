using System.Diagnostics;
using BlogModular.Testing;

namespace BlogModular.Deployment.Tests;

/// <summary>
/// The repository's scripts as a user meets them: <c>--help</c> prints the usage, and an argument a script does not
/// take is an error that names it, prints the usage and exits 2 before the script starts, builds or writes anything.
/// </summary>
public sealed class ScriptArgumentsTests
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("run.sh", "--split", "--demo", "PGPORT")]
    [InlineData("test.sh", "BLOGMODULAR_TEST_POSTGRES", "BLOGMODULAR_TEST_KAFKA")]
    [InlineData("bench.sh", "BENCH_ONLY", "BENCH_PROFILE")]
    [InlineData("scripts/codegen.sh", "no arguments")]
    [InlineData("scripts/kafka-acls.sh", "no arguments")]
    [InlineData("scripts/kafka-certs.sh", "[directory]", "KAFKA_HOST")]
    [InlineData("scripts/contract-schemas.sh", "no arguments")]
    [InlineData("scripts/publish.sh", "<output-dir>", "DevTools")]
    public async Task Help_prints_the_usage(string script, params string[] expected)
    {
        var (exitCode, output, errors) = await RunAsync(script, "--help");

        exitCode.ShouldBe(0, errors);
        output.ShouldStartWith($"Usage: {(script.Contains('/') ? script : "./" + script)}");
        foreach (var fragment in expected)
        {
            output.ShouldContain(fragment);
        }
    }

    [Theory]
    [InlineData("test.sh", "--filter", "--filter")]
    [InlineData("bench.sh", "P1", "P1")]
    [InlineData("run.sh", "--split --demo", "--demo")]
    [InlineData("scripts/codegen.sh", "--force", "--force")]
    [InlineData("scripts/kafka-acls.sh", "deploy/kafka/init.sh", "deploy/kafka/init.sh")]
    [InlineData("scripts/kafka-certs.sh", "--force", "--force")]
    [InlineData("scripts/contract-schemas.sh", "--write", "--write")]
    [InlineData("scripts/publish.sh", "--self-contained out", "--self-contained")]
    public async Task An_argument_a_script_does_not_take_is_an_error_with_the_usage_and_nothing_else(string script, string arguments, string unknown)
    {
        var (_, usage, _) = await RunAsync(script, "--help");

        var (exitCode, output, errors) = await RunAsync(script, arguments.Split(' '));

        exitCode.ShouldBe(2, errors);
        output.ShouldBeEmpty();
        // Only the error and the usage: no step of the script (installing, building, starting PostgreSQL) said a word.
        errors.ShouldBe($"{Path.GetFileName(script)}: error: unknown argument '{unknown}'\n{usage}");
    }

    [Fact]
    public async Task The_certificate_script_takes_one_directory_and_writes_nothing_when_given_two()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"blogmodular-certs-{Guid.NewGuid():N}");

        var (exitCode, _, errors) = await RunAsync("scripts/kafka-certs.sh", directory, "extra");

        exitCode.ShouldBe(2, errors);
        errors.ShouldStartWith("kafka-certs.sh: error: unknown argument 'extra'");
        Directory.Exists(directory).ShouldBeFalse();
    }

    [Fact]
    public async Task Publishing_without_an_output_directory_is_an_error_with_the_usage()
    {
        var (exitCode, output, errors) = await RunAsync("scripts/publish.sh");

        exitCode.ShouldBe(2, errors);
        output.ShouldBeEmpty();
        errors.ShouldStartWith("publish.sh: error: no output directory\nUsage: scripts/publish.sh <output-dir>");
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(Repository.Root, script))
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} {string.Join(' ', arguments)} still ran after {ScriptTimeout}: {await errors}");
        }

        return (process.ExitCode, await output, await errors);
    }
}
