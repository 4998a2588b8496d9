using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace BlogModular.Architecture.Tests;

/// <summary>
/// The types a rule looks at: one namespace, and the namespaces under it, of one assembly. A module's scope is
/// its root namespace, which leaves out what source generators add to every assembly (<c>JasperFx.Generated</c>);
/// a fixture's scope is its namespace in this test assembly, so the same rule can be shown to fail.
/// </summary>
public sealed record Scope(Assembly Assembly, string Namespace)
{
    public static Scope Of(Assembly assembly) => new(assembly, assembly.GetName().Name!);

    /// <summary>NetArchTest's <c>ResideInNamespace</c> is a plain string prefix ("Blog" matches "Blogging"), hence the regex.</summary>
    public PredicateList Types() => NetArchTest.Rules.Types.InAssembly(Assembly).That().ResideInNamespaceMatching(UnderPattern(Namespace));

    public IEnumerable<Type> ReflectionTypes() => Assembly.GetTypes().Where(t => t.Namespace is { } ns && IsUnder(ns, Namespace));

    public static string UnderPattern(string @namespace) => $@"^{Regex.Escape(@namespace)}(\.|$)";

    private static bool IsUnder(string @namespace, string root) =>
        @namespace == root || @namespace.StartsWith(root + ".", StringComparison.Ordinal);
}
