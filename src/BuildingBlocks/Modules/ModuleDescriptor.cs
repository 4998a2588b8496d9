using System.CommandLine;
using System.Reflection;
using BlogModular.BuildingBlocks.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace BlogModular.BuildingBlocks.Modules;

/// <summary>
/// What a module says about itself, once. The host registers and wires modules from these descriptors only:
/// Wolverine discovery and Kafka routes, migrations, pages and their circuit paths, operations views, demo data,
/// test fixtures and the front door's routes all read them; nothing else lists the modules.
/// </summary>
public sealed record ModuleDescriptor
{
    /// <summary>One word, used in settings (<c>Modules:&lt;Name&gt;:Enabled</c>), consumer groups, logs and docs.</summary>
    public required string Name { get; init; }

    /// <summary>The module's assembly: Wolverine discovers its handlers and endpoints there, Blazor its pages.</summary>
    public required Assembly Assembly { get; init; }

    /// <summary>Its own PostgreSQL schema; no other module's tables live there.</summary>
    public required string Schema { get; init; }

    /// <summary>
    /// False for a module every process must run: Accounts, because every process signs callers in. A switchable
    /// module that is disabled contributes nothing to the process: no endpoints, pages, tables, listeners or publishers.
    /// </summary>
    public bool Switchable { get; init; } = true;

    /// <summary>Messages the module publishes, each to its topic through the durable outbox, keyed for order.</summary>
    public IReadOnlyList<MessageRoute> Publishes { get; init; } = [];

    /// <summary>Topics the module consumes, in its own consumer group (<see cref="ConsumerGroup"/>).</summary>
    public IReadOnlyList<string> ListensTo { get; init; } = [];

    /// <summary>Received message types handled as arrays, one transaction per batch.</summary>
    public IReadOnlyList<Type> HandlesInBatches { get; init; } = [];

    /// <summary>
    /// The URL paths this module answers (API prefixes and page paths). In a split deployment the front door sends
    /// them to the module's processes; a module without paths is reached through the default route.
    /// </summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>
    /// True for the one module that answers every path no other module claims; a front door routes the rest there.
    /// </summary>
    public bool DefaultRoute { get; init; }

    /// <summary>
    /// Where the module's interactive pages connect their Blazor circuit; null keeps the framework's path. A path
    /// of the module's own lets a front door send a circuit to the process that serves the page.
    /// </summary>
    public string? CircuitPath { get; init; }

    /// <summary>The module's area of the API: the OpenAPI tag of its endpoints, with a description.</summary>
    public ApiArea? Api { get; init; }

    /// <summary>Links the module adds to the site's main navigation (shown whichever process renders the page).</summary>
    public IReadOnlyList<NavigationLink> Navigation { get; init; } = [];

    /// <summary>
    /// Commands the module adds to the host's command line (e.g. <c>accounts add-user</c>). Each gets a way to build the
    /// application when it runs, so <c>--help</c> and parse errors need no database.
    /// </summary>
    public IReadOnlyList<Func<Func<WebApplication>, Command>> Commands { get; init; } = [];

    /// <summary>
    /// The module's view of messages other modules have not confirmed or could not place (gauges and the operations
    /// view); null when it tracks none.
    /// </summary>
    public ConsistencyView? Consistency { get; init; }

    /// <summary>Registers the module's services: its DbContext, options and anything its handlers need.</summary>
    public required Action<WebApplicationBuilder> AddServices { get; init; }

    /// <summary>Maps endpoints that are not Wolverine endpoints (those are discovered); null when there are none.</summary>
    public Action<WebApplication>? MapEndpoints { get; init; }

    /// <summary>
    /// <c>ConnectionStrings:&lt;Name&gt;</c>: the module's DbContext connects as its own login role, which owns the
    /// module's schema and has no rights on other modules' schemas (docs/deployment.md, Database roles).
    /// </summary>
    public string ConnectionStringName => Name;

    public string EnabledSetting => $"Modules:{Name}:Enabled";

    /// <summary>Each module consumes in its own group, so a message is handled once per module however many processes run it.</summary>
    public string ConsumerGroup => $"blogmodular.{Name.ToLowerInvariant()}";

    public bool IsEnabled(IConfiguration configuration) =>
        !Switchable || configuration.GetValue(EnabledSetting, defaultValue: true);
}

/// <summary>
/// <typeparamref name="T"/>-free description of a published message: its type, its topic, and the property whose
/// value is the Kafka key, so every message about one entity lands on one partition, in order.
/// </summary>
public sealed record MessageRoute(Type Message, string Topic, string KeyProperty)
{
    public static MessageRoute Of<T>(string topic, string keyProperty) => new(typeof(T), topic, keyProperty);
}

/// <summary>An area of the API reference (an OpenAPI tag).</summary>
public sealed record ApiArea(string Name, string Description);

/// <summary>A main-navigation link; <see cref="Policy"/> null shows it to everyone signed in.</summary>
/// <param name="FullLoad">Live pages load in full, so their circuit starts at their own module's process.</param>
public sealed record NavigationLink(string Text, string Path, string? Policy = null, bool FullLoad = false);
