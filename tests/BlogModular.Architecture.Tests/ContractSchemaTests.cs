using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Wolverine.Attributes;
using Wolverine.Runtime.Serialization;

namespace BlogModular.Architecture.Tests;

/// <summary>
/// Every message identity has a JSON Schema checked in beside its contract (<c>Schemas/&lt;identity&gt;.json</c>),
/// exported from the C# type with the serializer options Wolverine writes messages with. A version, once checked in,
/// may only grow by optional fields: a change that a reader of the checked-in version could not take (a field
/// removed, renamed, retyped, or a new field that must be present) fails here and needs a new message version.
/// Set BLOGMODULAR_WRITE_SCHEMAS=1 (scripts/contract-schemas.sh) to write new and compatibly changed schemas.
/// </summary>
public sealed class ContractSchemaTests
{
    private static readonly JsonSerializerOptions Wire = new(SystemTextJsonSerializer.DefaultOptions()) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static bool Writing => Environment.GetEnvironmentVariable("BLOGMODULAR_WRITE_SCHEMAS") == "1";

    public static TheoryData<string> Identities() => [.. Messages().Select(m => m.Identity)];

    [Theory]
    [MemberData(nameof(Identities))]
    public void The_checked_in_schema_is_the_contract_s_current_schema(string identity)
    {
        var (type, _, path) = Messages().Single(m => m.Identity == identity);
        var current = SchemaOf(type);
        if (Writing && (!File.Exists(path) || Incompatibilities(Read(path), current).Count == 0))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, current.ToJsonString(Indented) + "\n");
        }

        File.Exists(path).ShouldBeTrue($"{identity} has no checked-in schema at {path}; run scripts/contract-schemas.sh");
        JsonNode.DeepEquals(Read(path), current).ShouldBeTrue(
            $"{Path.GetFileName(path)} differs from {type.Name}; run scripts/contract-schemas.sh and commit the schema");
    }

    [Theory]
    [MemberData(nameof(Identities))]
    public void A_contract_stays_readable_by_consumers_of_its_checked_in_schema(string identity)
    {
        var (type, _, path) = Messages().Single(m => m.Identity == identity);

        Incompatibilities(Read(path), SchemaOf(type)).ShouldBeEmpty(
            $"{type.Name} changed incompatibly with {Path.GetFileName(path)}: add a new message version instead");
    }

    [Fact]
    public void The_compatibility_check_catches_removed_retyped_and_required_fields()
    {
        var checkedIn = SchemaOf(typeof(Fixtures.Schemas.Before));

        Incompatibilities(checkedIn, SchemaOf(typeof(Fixtures.Schemas.AddsOptional))).ShouldBeEmpty();
        Incompatibilities(checkedIn, SchemaOf(typeof(Fixtures.Schemas.Breaks))).ShouldBe(
        [
            "'count' changed type from integer to string",
            "'title' was removed",
            "'authorId' is new and not optional",
        ], ignoreOrder: true);
    }

    /// <summary>Each [MessageIdentity] type in the contracts, its wire name, and where its schema lives.</summary>
    private static IEnumerable<(Type Type, string Identity, string Path)> Messages() =>
        Src.Contracts.SelectMany(c => c.ReflectionTypes())
            .Select(t => (Type: t, Attribute: t.GetCustomAttribute<MessageIdentityAttribute>()))
            .Where(m => m.Attribute is not null)
            .Select(m => (m.Type, m.Attribute!.GetName()!, SchemaPath(m.Type.Assembly, m.Attribute.GetName()!)))
            .OrderBy(m => m.Item2, StringComparer.Ordinal);

    private static string SchemaPath(Assembly contracts, string identity)
    {
        var project = Directory.GetDirectories(Path.Combine(Root, "src", "Modules"), contracts.GetName().Name!, SearchOption.AllDirectories).Single();
        return Path.Combine(project, "Schemas", identity + ".json");
    }

    private static JsonNode SchemaOf(Type type) => JsonSchemaExporter.GetJsonSchemaAsNode(Wire, type);

    private static JsonNode Read(string path) => JsonNode.Parse(File.ReadAllText(path))!;

    /// <summary>What a consumer of <paramref name="checkedIn"/> could not read in a message written as <paramref name="current"/>, or the reverse.</summary>
    private static List<string> Incompatibilities(JsonNode checkedIn, JsonNode current)
    {
        var before = checkedIn["properties"]!.AsObject();
        var after = current["properties"]!.AsObject();
        var problems = new List<string>();
        foreach (var (name, schema) in before)
        {
            if (after[name] is not { } now)
            {
                problems.Add($"'{name}' was removed");
            }
            else if (!JsonNode.DeepEquals(schema!["type"], now["type"]) || !JsonNode.DeepEquals(schema["enum"], now["enum"]))
            {
                problems.Add($"'{name}' changed type from {TypeName(schema)} to {TypeName(now)}");
            }
        }

        // An old message lacks a new field: only one that may be null can be read from it.
        problems.AddRange(after.Where(p => !before.ContainsKey(p.Key) && !Nullable(p.Value!)).Select(p => $"'{p.Key}' is new and not optional"));
        return problems;
    }

    private static bool Nullable(JsonNode property) =>
        property["type"] is JsonArray types && types.Any(t => t!.GetValue<string>() == "null");

    private static string TypeName(JsonNode property) => property["type"]?.ToJsonString().Trim('"') ?? property.ToJsonString();

    private static string Root { get; } = FindRoot();

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
