using System.CommandLine;
using JasperFx;

namespace BlogModular.Host.Commands;

/// <summary>
/// Wolverine's and JasperFx's own commands (<c>codegen write</c>, <c>describe</c>, <c>storage counts</c>, …), handed
/// to JasperFx's command runner with their arguments untouched; <c>help</c> lists them and <c>help VERB</c> gives
/// their arguments. Only these verbs reach that runner, because it first loads every assembly in the folder.
/// </summary>
internal static class JasperFxCommands
{
    // The verbs JasperFx's `help` lists for this host, less `run` (serving needs no command) and the event-sourcing
    // ones, which need Marten.
    private static readonly (string Verb, string Description)[] Verbs =
    [
        ("help", "Lists Wolverine's and JasperFx's commands; help VERB shows one's arguments"),
        ("describe", "Describes the running configuration: handlers, routes, listeners, error policies"),
        ("codegen", "Previews, writes or checks the generated handler code (codegen write)"),
        ("storage", "Administers the message storage (storage counts, ...)"),
        ("resources", "Checks, sets up or tears down stateful resources (database tables, Kafka topics)"),
        ("check-env", "Runs every environment check against the application"),
        ("capabilities", "Writes out what this Wolverine application is configured to do"),
        ("clear-handled", "Deletes the persisted inbox messages marked as handled"),
        ("db-apply", "Applies outstanding changes to the database(s) of the current configuration"),
        ("db-assert", "Fails if the database(s) differ from the current configuration"),
        ("db-dump", "Writes the configured database objects as DDL"),
        ("db-list", "Lists the database(s) of the current configuration"),
        ("db-patch", "Writes a patch and a drop file for differences between database(s) and configuration"),
        ("kafka-replay", "Replays a window of a Kafka topic through the handlers"),
        ("openapi", "Writes the OpenAPI document without starting the host"),
        ("wolverine-diagnostics", "Inspects generated code and runtime behaviour"),
    ];

    public static IEnumerable<Command> Create(string[] args, Func<WebApplication> buildApp) =>
        Verbs.Select(verb =>
        {
            // Its arguments belong to JasperFx, which checks them; `help VERB` documents them.
            var description = verb.Verb == "help" ? $"Wolverine: {verb.Description}" : $"Wolverine: {verb.Description}. Arguments: help {verb.Verb}";
            var command = new Command(verb.Verb, description) { TreatUnmatchedTokensAsErrors = false };
            command.SetAction((_, _) => buildApp().RunJasperFxCommands(args));
            return command;
        });
}
