namespace BlogModular.Testing;

/// <summary>Paths inside the repository that holds the running test assembly.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The host as built by the same configuration (Debug/Release) as the running tests.</summary>
    public static string HostAssembly
    {
        get
        {
            // .../tests/<project>/bin/<configuration>/net10.0/
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            var path = Path.Combine(Root, "src", "Host", "bin", configuration, "net10.0", "BlogModular.Host.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first.", path);
        }
    }

    private static string FindRoot()
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
