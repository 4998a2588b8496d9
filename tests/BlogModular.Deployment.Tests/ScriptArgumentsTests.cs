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

        errors.ShouldBeEmpty();
        exitCode.ShouldBe(0);
        var usage = string.Join('\n', output);
        usage.ShouldStartWith($"Usage: {(script.Contains('/') ? script : "./" + script)}");
        foreach (var fragment in expected)
        {
            usage.ShouldContain(fragment);
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

        exitCode.ShouldBe(2, string.Join('\n', errors));
        // Only the error and the usage, on stderr: no step of the script (installing, building, starting PostgreSQL)
        // said a word.
        errors.ShouldBe([$"{Path.GetFileName(script)}: error: unknown argument '{unknown}'", .. usage]);
        output.Count.ShouldBe(errors.Count);
    }

    [Fact]
    public async Task The_certificate_script_takes_one_directory_and_writes_nothing_when_given_two()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"blogmodular-certs-{Guid.NewGuid():N}");

        var (exitCode, _, errors) = await RunAsync("scripts/kafka-certs.sh", directory, "extra");

        exitCode.ShouldBe(2, string.Join('\n', errors));
        errors.First().ShouldBe("kafka-certs.sh: error: unknown argument 'extra'");
        Directory.Exists(directory).ShouldBeFalse();
    }

    [Fact]
    public async Task Publishing_without_an_output_directory_is_an_error_with_the_usage()
    {
        var (exitCode, output, errors) = await RunAsync("scripts/publish.sh");

        exitCode.ShouldBe(2, string.Join('\n', errors));
        output.Count.ShouldBe(errors.Count);
        errors.Take(2).ShouldBe(["publish.sh: error: no output directory", "Usage: scripts/publish.sh <output-dir> [dotnet publish options...]"]);
    }

    /// <summary>Runs the script to its end; its output is standard output and error as they arrived, then error alone.</summary>
    private static async Task<(int ExitCode, IReadOnlyCollection<string> Output, IReadOnlyCollection<string> Errors)> RunAsync(
        string script, params string[] arguments)
    {
        await using var process = HostProcess.StartProgram(
            script, Path.Combine(Repository.Root, script), arguments, new Dictionary<string, string>(), Repository.Root, address: null);
        var exitCode = await process.WaitForExitAsync(ScriptTimeout);
        return (exitCode, process.Lines, process.ErrorLines);
    }
}
