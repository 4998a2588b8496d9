using System.CommandLine;
using BlogModular.Approvals;
using BlogModular.Blogging;
using BlogModular.BuildingBlocks.Messaging;
using BlogModular.BuildingBlocks.Modules;
using BlogModular.BuildingBlocks.Observability;
using BlogModular.BuildingBlocks.Persistence;
using BlogModular.BuildingBlocks.Web;
using BlogModular.Host;
using BlogModular.Host.Accounts;
using BlogModular.Host.Commands;
using BlogModular.Host.Demo;
using BlogModular.Host.Operations;
using Wolverine.Http;

// No command serves; the commands are one-shot operations (docs/operations.md). Exit codes: 0 done, 1 a usage error
// (printed with the usage), 2 the command failed (e.g. the database cannot be used: one line on stderr).
IConfiguration? configuration = null;
var commandLine = new RootCommand(
    "BlogModular. Without a command it serves the blog and its modules; host settings may follow as --urls URLS, " +
    "--environment NAME or any configuration key as --Section:Key value (README, Configuration). The commands are one-shot operations.")
{
    MigrateCommand.Create(() => BuildApp([])),
    AccountsCommand.Create(() => BuildApp([])),
    // Builds no web host: the broker needs no database or settings.
    EmbeddedKafkaCommand.Create(Topics.All),
};
ServeCommand.Configure(commandLine, () => BuildApp(args));
foreach (var command in JasperFxCommands.Create(args, () => BuildApp(args)))
{
    commandLine.Subcommands.Add(command);
}

try
{
    return await commandLine.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception exception) when (DatabaseFailure.Describe(exception, configuration) is { } failure)
{
    await Console.Error.WriteLineAsync(failure);
    return 2;
}

WebApplication BuildApp(string[] hostArgs)
{
    var builder = WebApplication.CreateBuilder(hostArgs);
    configuration = builder.Configuration;

    builder.AddApi();
    builder.AddHealth();
    builder.AddObservability();
    builder.AddAccounts();
    builder.AddUi();
    builder.AddDemoData();
    builder.AddMessaging(Topics.All);
    builder.AddModules(
        (BloggingModule.Name, module => module.AddBloggingModule()),
        (ApprovalsModule.Name, module => module.AddApprovalsModule()));
    builder.AddBenchmarkSwitch();

    var app = builder.Build();

    app.UseNotFoundPage();
    app.UseApiProblemDetails();
    app.UseAccounts();
    app.UseUi();
    app.MapApiDocs();
    app.MapHealth();
    app.MapAccounts();
    app.MapMessageFlow();
    app.MapWolverineEndpoints(http => http.RejectUnparseableQueryValues = true);
    app.MapUi();
    return app;
}
