using System.CommandLine;
using BlogModular.BuildingBlocks.Persistence;
using BlogModular.Host;
using BlogModular.Host.Commands;
using BlogModular.Host.Demo;
using BlogModular.Host.Operations;
using BlogModular.Host.Platform;
using BlogModular.Host.Platform.Database;
using BlogModular.Host.Platform.Edge;
using BlogModular.Host.Platform.Messaging;
using BlogModular.Host.Platform.Observability;
using Wolverine.Http;
#if DEVTOOLS
using BlogModular.DevTools;
#endif

// No command serves; the commands are one-shot operations (docs/operations.md). Exit codes: 0 done, 1 a usage error
// (printed with the usage), 2 the command failed or the host could not start (e.g. the database cannot be used, or a
// required setting is missing: one line on stderr).
IConfiguration? configuration = null;
var commandLine = new RootCommand(
    "BlogModular. Without a command it serves the blog and its modules; host settings may follow as --urls URLS, " +
    "--environment NAME or any configuration key as --Section:Key value (README, Configuration). The commands are one-shot operations.")
{
    MigrateCommand.Create(() => BuildApp([])),
    KafkaAclsCommand.Create(),
#if DEVTOOLS
    // Builds no web host: the broker needs no database or settings.
    EmbeddedKafkaCommand.Create(Modules.Topics),
#endif
};
foreach (var create in Modules.All.SelectMany(m => m.Commands))
{
    commandLine.Subcommands.Add(create(() => BuildApp([])));
}

ServeCommand.Configure(commandLine, () => BuildApp(args));
foreach (var command in JasperFxCommands.Create(args, () => BuildApp(args)))
{
    commandLine.Subcommands.Add(command);
}

try
{
    // ProcessTerminationTimeout null: the host's own lifetime handles SIGTERM and drains within its shutdown timeout.
    // System.CommandLine's default would end the process with exit code 143 two seconds after SIGTERM, cutting a
    // shutdown under load short.
    return await commandLine.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
}
catch (Exception exception) when (DatabaseFailure.Describe(exception, configuration) is { } failure)
{
    await Console.Error.WriteLineAsync(failure);
    return 2;
}
catch (Microsoft.Extensions.Options.OptionsValidationException invalid)
{
    // A setting that is missing or unsafe (e.g. App:PublicBaseUrl outside Development): the reason, not a stack trace.
    foreach (var failure in invalid.Failures)
    {
        await Console.Error.WriteLineAsync(failure);
    }

    return 2;
}

WebApplication BuildApp(string[] hostArgs)
{
    var builder = WebApplication.CreateBuilder(hostArgs);
    configuration = builder.Configuration;

    builder.AddEdge();
    builder.AddApi();
    builder.AddHealth();
    builder.AddManagementPort();
    builder.AddObservability();
    builder.AddMessaging();
    builder.AddSuperuserGuard();
    builder.AddModules();
    builder.AddRateLimits();
    builder.AddUi();
    builder.AddDemoData();
    builder.AddBenchmarkSwitch();

    var app = builder.Build();

    app.UseEdge();
    app.UseSecurityHeaders();
    app.UseNotFoundPage();
    app.UseApiProblemDetails();
    app.UseAuthentication();
    app.UseCookieApiAntiforgery();
    app.UseAuthorization();
    app.UseRateLimiter();
    app.UseOutputCache();
    app.UseUi();
    app.MapApiDocs();
    app.MapHealth();
    app.MapModules();
    app.MapMessageFlow();
    app.MapWolverineEndpoints(http => http.UseApiConventions());
    app.MapUi();
    return app;
}
