using System.Reflection;
using System.Xml.Linq;

namespace BlogModular.Architecture.Tests;

/// <summary>Which src project references which, read either from the compiled assemblies or from the project files.</summary>
public sealed record ProjectGraph(string Source, IReadOnlyDictionary<string, string[]> References)
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static IEnumerable<string> SourceProjectFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "src"), "*.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    /// <summary>ProjectReference items of every src/**/*.csproj, by project name.</summary>
    public static ProjectGraph FromProjectFiles() => new(
        "project files",
        SourceProjectFiles().ToDictionary(
            path => Path.GetFileNameWithoutExtension(path),
            path => XDocument.Load(path).Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
                .ToArray()));

    /// <summary>
    /// The assembly references each src project was compiled with. The compiler drops a reference nothing uses,
    /// so this misses a declared-but-unused one; <see cref="FromProjectFiles"/> catches that.
    /// </summary>
    public static ProjectGraph FromCompiledAssemblies()
    {
        var projects = SourceProjectFiles().Select(path => Path.GetFileNameWithoutExtension(path)).ToHashSet(StringComparer.Ordinal);
        return new ProjectGraph(
            "compiled assemblies",
            projects.ToDictionary(
                project => project,
                project => Load(project).GetReferencedAssemblies().Select(a => a.Name!).Where(projects.Contains).ToArray()));
    }

    private static Assembly Load(string project)
    {
        try
        {
            return Assembly.Load(project);
        }
        catch (FileNotFoundException e)
        {
            throw new InvalidOperationException(
                $"{project} is not referenced by BlogModular.Architecture.Tests, so its compiled references cannot be checked; add a ProjectReference.", e);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BlogModular.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No BlogModular.sln above {AppContext.BaseDirectory}.");
    }
}
