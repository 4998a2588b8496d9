using BlogModular.Testing;

namespace BlogModular.Deployment.Tests;

/// <summary>
/// The host runs Wolverine's code generated ahead of time (src/Host/Internal/Generated, ADR 0008). This fails
/// while that code differs from what <c>scripts/codegen.sh</c> writes for today's handlers and endpoints.
/// </summary>
public sealed class GeneratedCodeTests
{
    private static readonly string[] RegistryFiles = ["GeneratedHandlerRegistry.cs", "GeneratedHttpEndpointRegistry.cs"];

    private static readonly string CheckedIn = Path.Combine(Repository.Root, "src", "Host", "Internal", "Generated");

    [Fact]
    public async Task The_checked_in_wolverine_code_is_what_codegen_writes_for_the_current_handlers()
    {
        var fresh = Directory.CreateTempSubdirectory("blogmodular-codegen-").FullName;
        var environment = BlogModular.Host.Modules.All.Select(m => m.ConnectionStringName).Append("Messaging")
            .ToDictionary(name => $"ConnectionStrings__{name}", name => $"Host=127.0.0.1;Port=1;Database=codegen;Username=codegen_{name.ToLowerInvariant()}");
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        environment["Wolverine__TypeLoadMode"] = "Dynamic";
        environment["Wolverine__GeneratedCodeOutputPath"] = fresh;
        await using (var codegen = HostProcess.Start("codegen", environment, port: null, "codegen", "write"))
        {
            (await codegen.WaitForExitAsync(TimeSpan.FromMinutes(3))).ShouldBe(0, codegen.Tail());
        }

        // scripts/codegen.sh leaves out the registries of every module's handlers and endpoints (see there).
        var expected = Files(fresh).Where(file => !RegistryFiles.Contains(Path.GetFileName(file.Key))).ToDictionary();
        var actual = Files(CheckedIn);
        expected.ShouldNotBeEmpty();
        actual.Keys.Order().ShouldBe(expected.Keys.Order(), "run scripts/codegen.sh and commit src/Host/Internal/Generated");
        foreach (var (name, text) in expected)
        {
            actual[name].ShouldBe(text, $"{name} is stale: run scripts/codegen.sh and commit src/Host/Internal/Generated");
        }
    }

    private static Dictionary<string, string> Files(string root) =>
        Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .ToDictionary(path => Path.GetRelativePath(root, path), path => File.ReadAllText(path).ReplaceLineEndings());
}
