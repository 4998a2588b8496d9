using System.Text.RegularExpressions;
using BlogModular.BuildingBlocks.Modules;

namespace BlogModular.Architecture.Tests;

/// <summary>
/// The front door's nginx template (deploy/nginx) is written by hand, the modules' paths are declared in their
/// descriptors; these tests fail as soon as the two disagree, in either direction.
/// </summary>
public partial class FrontDoorRoutesTests
{
    private static readonly string Template = File.ReadAllText(
        Path.Combine(ProjectGraph.RepositoryRoot, "deploy", "nginx", "nginx.conf.template"));

    private static readonly IReadOnlyList<ModuleDescriptor> Switchable = [.. Host.Modules.All.Where(m => m.Switchable)];

    private static Dictionary<string, string> Locations() =>
        LocationPattern().Matches(Template).ToDictionary(m => m.Groups["path"].Value, m => m.Groups["upstream"].Value);

    [Fact]
    public void Every_module_path_and_circuit_reaches_its_own_modules_processes()
    {
        var locations = Locations();
        var wrong = new List<string>();
        foreach (var module in Switchable)
        {
            var upstream = module.Name.ToLowerInvariant();
            foreach (var path in module.Paths)
            {
                if (locations.GetValueOrDefault(path) != upstream)
                {
                    wrong.Add($"{module.Name}: {path} goes to '{locations.GetValueOrDefault(path) ?? "the default route"}', not '{upstream}'");
                }
            }

            var circuit = module.CircuitPath ?? (module.DefaultRoute ? "/_blazor" : null);
            if (circuit is not null && locations.GetValueOrDefault(circuit) != $"{upstream}_circuits")
            {
                wrong.Add($"{module.Name}: its circuit path {circuit} does not go to '{upstream}_circuits'");
            }

            if (module.DefaultRoute && locations.GetValueOrDefault("/") != upstream)
            {
                wrong.Add($"{module.Name}: the default route / does not go to '{upstream}'");
            }
        }

        wrong.ShouldBeEmpty();
    }

    [Fact]
    public void Every_route_of_the_front_door_is_declared_by_a_module()
    {
        var declared = Switchable
            .SelectMany(m => m.Paths.Append(m.CircuitPath ?? (m.DefaultRoute ? "/_blazor" : "")).Append(m.DefaultRoute ? "/" : ""))
            .Where(p => p.Length > 0)
            .ToHashSet(StringComparer.Ordinal);
        var locations = Locations();
        locations.ShouldNotBeEmpty("the template's locations could not be read");
        locations.Keys.Where(path => !declared.Contains(path)).ShouldBeEmpty("routes no module descriptor declares");
    }

    [Fact]
    public void Exactly_one_module_takes_the_default_route() =>
        Host.Modules.All.Count(m => m.DefaultRoute).ShouldBe(1);

    [Fact]
    public void Each_switchable_module_has_an_upstream_for_its_processes()
    {
        foreach (var module in Switchable)
        {
            Template.ShouldContain($"${{{module.Name.ToUpperInvariant()}_UPSTREAM}}");
        }
    }

    /// <summary>
    /// The processes believe X-Forwarded-For/Proto only from configured proxies (Proxy:*), and then only what nginx
    /// sets: the client's address as nginx saw it, and the scheme. nginx inherits the server's proxy_set_header lines
    /// only into locations that set none of their own, so a location that sets any must set these again.
    /// </summary>
    [Fact]
    public void Every_proxied_request_says_who_the_client_is_and_which_scheme_it_used()
    {
        var server = Template[Template.IndexOf("server {", StringComparison.Ordinal)..];
        var serverLevel = server[..server.IndexOf("location", StringComparison.Ordinal)];
        serverLevel.ShouldContain("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
        serverLevel.ShouldContain("proxy_set_header X-Forwarded-Proto $scheme;");
        foreach (Match location in LocationBlock().Matches(server))
        {
            if (location.Value.Contains("proxy_set_header", StringComparison.Ordinal))
            {
                location.Value.ShouldContain("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
                location.Value.ShouldContain("proxy_set_header X-Forwarded-Proto $scheme;");
            }
        }
    }

    [GeneratedRegex(@"location\s+[^{]*\{[^}]*\}")]
    private static partial Regex LocationBlock();

    [GeneratedRegex(@"location\s+(?:=\s+)?(?<path>\S+)\s*\{[^}]*?proxy_pass\s+http://(?<upstream>[a-z_]+);")]
    private static partial Regex LocationPattern();
}
