using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using NetArchTest.Rules;
using Wolverine.Attributes;

namespace BlogModular.Architecture.Tests;

/// <summary>
/// Each rule is a function from what it inspects to the list of violations, one readable line each, so the
/// boundary tests run it on the real code and the companion tests run it on fixtures that must fail.
/// </summary>
public static class ArchitectureRules
{
    /// <summary>Rule 1: a module may use the other module's Contracts assembly, nothing of the module itself.</summary>
    public static IReadOnlyList<string> OtherModuleDependencies(Scope module, Scope otherModule)
    {
        // Names every top-level type of the other module (NetArchTest also matches their nested types); its
        // root namespace would not do, as "BlogModular.Approvals" also matches "BlogModular.Approvals.Contracts".
        var internals = otherModule.ReflectionTypes().Where(t => !t.IsNested).Select(t => t.FullName!).ToArray();
        return Failures(module.Types().ShouldNot().HaveDependencyOnAny(internals), $"reaches into {otherModule.Namespace} beyond its contracts");
    }

    /// <summary>
    /// Rule 2: contracts are shared by both modules, so they may carry nothing but the BCL, the message-identity
    /// attribute and Wolverine's IForwardsTo, by which an older version of a message upcasts itself to the current one.
    /// </summary>
    /// <remarks>Their own namespace is allowed too: a record's generated members refer to the record itself.</remarks>
    public static IReadOnlyList<string> ContractDependencies(Scope contracts) => Failures(
        contracts.Types().ShouldNot().HaveDependencyOtherThan("System", "Wolverine.Attributes", "Wolverine.IForwardsTo`1", contracts.Namespace),
        "depends on more than the BCL, Wolverine.Attributes and Wolverine.IForwardsTo");

    /// <summary>
    /// Rule 3: every message (public, not static, not an enum) is a sealed record with no setter but init and
    /// no writable field, and carries a [MessageIdentity] alias that no other contract uses: the alias is the
    /// wire name, so renaming a C# type cannot strand messages already in Kafka.
    /// </summary>
    public static IReadOnlyList<string> MessageContractViolations(params Scope[] contracts)
    {
        var messages = contracts.SelectMany(c => c.ReflectionTypes())
            .Where(t => t.IsPublic && !t.IsEnum && !(t.IsAbstract && t.IsSealed))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();
        const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
        var violations = new List<string>();
        foreach (var message in messages)
        {
            if (!message.IsSealed)
            {
                violations.Add($"{message.FullName} is not sealed");
            }

            // The compiler emits "<Clone>$" for every record class and for nothing else.
            if (message.GetMethod("<Clone>$") is null)
            {
                violations.Add($"{message.FullName} is not a record");
            }

            violations.AddRange(message.GetProperties(all)
                .Where(p => p.SetMethod is { } setter && !setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)))
                .Select(p => $"{message.FullName} has a setter on {p.Name}, not init"));
            violations.AddRange(message.GetFields(all | BindingFlags.DeclaredOnly)
                // Auto-property backing fields are left to the setter check above, so one fault is reported once.
                .Where(f => !f.IsInitOnly && !f.IsLiteral && !f.IsDefined(typeof(CompilerGeneratedAttribute)))
                .Select(f => $"{message.FullName} has a writable field {f.Name}"));

            var identity = message.GetCustomAttribute<MessageIdentityAttribute>();
            if (identity is null)
            {
                violations.Add($"{message.FullName} has no [MessageIdentity]");
            }
            else if (string.IsNullOrWhiteSpace(identity.Alias))
            {
                violations.Add($"{message.FullName} has a [MessageIdentity] with an empty alias");
            }
        }

        violations.AddRange(messages
            .Select(m => (Message: m, Identity: m.GetCustomAttribute<MessageIdentityAttribute>()))
            .Where(m => !string.IsNullOrWhiteSpace(m.Identity?.Alias))
            .GroupBy(m => m.Identity!.GetName(), StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"{string.Join(" and ", g.Select(m => m.Message.FullName))} share the message identity '{g.Key}'"));
        return violations;
    }

    /// <summary>Rule 4: a newcomer finds a use case under the module's Features/&lt;Area&gt;, so handlers and endpoints live nowhere else.</summary>
    public static IReadOnlyList<string> MisplacedHandlers(Scope module)
    {
        var features = $"{module.Namespace}.Features";
        return Failures(
            module.Types().And().HaveNameEndingWith("Handler", "Endpoint").Should().ResideInNamespaceMatching($@"^{Regex.Escape(features)}\."),
            $"is a handler or endpoint outside {features}.*");
    }

    /// <summary>
    /// Rule 4: one DbContext per module. Every type is checked, not only handlers and endpoints, since a helper
    /// they call could bring the other module's DbContext into the same unit of work just as well.
    /// </summary>
    public static IReadOnlyList<string> OtherDbContextUsers(Scope module, Type otherDbContext) => Failures(
        module.Types().ShouldNot().HaveDependencyOnAny(otherDbContext.FullName!),
        $"uses {otherDbContext.Name}, another module's DbContext");

    /// <summary>Rule 5: building blocks serve every module, so they know none of them, contracts included.</summary>
    public static IReadOnlyList<string> ModuleDependencies(Scope buildingBlocks, params string[] moduleNamespaces) => Failures(
        buildingBlocks.Types().ShouldNot().HaveDependencyOnAny(moduleNamespaces),
        "depends on a module");

    /// <summary>Rule 6: the host is the composition root; any other project that sees two modules could couple them.</summary>
    public static IReadOnlyList<string> ProjectsReferencingSeveralModules(ProjectGraph graph, string host, params string[] modules) =>
        graph.References
            .Where(p => p.Key != host && modules.Count(p.Value.Contains) > 1)
            .Select(p => $"{p.Key} references {string.Join(" and ", modules.Where(p.Value.Contains))}; only {host} may ({graph.Source})")
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Rule 6: a module sees the building blocks and the contracts, never another module or the host.</summary>
    public static IReadOnlyList<string> ModuleReferenceViolations(ProjectGraph graph, string buildingBlocks, string[] contracts, params string[] modules)
    {
        string[] allowed = [buildingBlocks, .. contracts];
        return modules
            .SelectMany(m => graph.References.GetValueOrDefault(m, []).Where(r => !allowed.Contains(r)).Select(r => (Module: m, Reference: r)))
            .Select(x => $"{x.Module} references {x.Reference}; a module may reference only {string.Join(", ", allowed)} ({graph.Source})")
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Rule 7: the host composes modules through their entry points — the descriptor, route and page constants, and
    /// the use-case messages its demo data and command line send — never through what implements them: a module's
    /// Domain or Persistence, its handlers, endpoints, pages or DbContext. (Wolverine's generated code, which the host
    /// compiles, lives outside the host's namespace and is not ours to check.)
    /// </summary>
    public static IReadOnlyList<string> HostReachingIntoModules(Scope host, params Scope[] modules)
    {
        string[] internalAreas = ["Domain", "Persistence"];
        var internals = modules
            .SelectMany(m => m.ReflectionTypes().Where(t => !t.IsNested && (
                internalAreas.Any(area => t.Namespace!.StartsWith($"{m.Namespace}.{area}", StringComparison.Ordinal)) ||
                t.Name.EndsWith("Handler", StringComparison.Ordinal) || t.Name.EndsWith("Endpoint", StringComparison.Ordinal) ||
                t.Name.EndsWith("Page", StringComparison.Ordinal) || t.Name.EndsWith("DbContext", StringComparison.Ordinal))))
            .Select(t => t.FullName!)
            .ToArray();
        return Failures(host.Types().ShouldNot().HaveDependencyOnAny(internals), "reaches into a module's implementation");
    }

    private static List<string> Failures(ConditionList rule, string violation)
    {
        var result = rule.GetResult();
        // A rule that selects nothing passes whatever the code does; a renamed namespace must not silence it.
        if (result.SelectedTypesForTesting.Count == 0)
        {
            return ["the rule selected no types, so it checks nothing: is its scope right?"];
        }

        return result.FailingTypes
            .Select(t => string.IsNullOrWhiteSpace(t.Explanation) ? $"{t.FullName} {violation}" : $"{t.FullName} {violation} ({t.Explanation.Trim()})")
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
