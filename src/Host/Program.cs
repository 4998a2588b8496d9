using BlogModular.Host;
using BlogModular.Host.Accounts;
using BlogModular.Host.Demo;
using BlogModular.Host.Operations;
using BlogModular.Host.Platform;
using BlogModular.Host.Platform.Messaging;
using BlogModular.Host.Platform.Observability;
using BlogModular.BuildingBlocks.Persistence;
using JasperFx;
using Wolverine.Http;

#if DEVTOOLS
if (args is [EmbeddedKafkaCommand.Name, ..])
{
    return await EmbeddedKafkaCommand.RunAsync(args);
}
#endif

var builder = WebApplication.CreateBuilder(args);

builder.AddApi();
builder.AddHealth();
builder.AddObservability();
builder.AddMessaging();
builder.AddModules();
builder.AddUi();
builder.AddDemoData();
builder.AddBenchmarkSwitch();

var app = builder.Build();

app.UseNotFoundPage();
app.UseApiProblemDetails();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseUi();
app.MapApiDocs();
app.MapHealth();
app.MapModules();
app.MapMessageFlow();
app.MapWolverineEndpoints(http => http.UseApiConventions());
app.MapUi();

return args switch
{
    // Outside Development, migrations are an explicit deployment step: `BlogModular.Host migrate`.
    ["migrate"] => await MigrateAsync(app),
    [AccountsCommand.Name, ..] => await AccountsCommand.RunAsync(app, args),
    // Serving (no verb; switches like --urls are host configuration) skips JasperFx's command runner, which first loads
    // every assembly in the folder looking for commands — Roslyn and EF Core's design-time tools included.
    _ when args.Length == 0 || args[0].StartsWith('-') => await ServeAsync(app),
    _ => await app.RunJasperFxCommands(args),
};

static async Task<int> ServeAsync(WebApplication app)
{
    await app.RunAsync();
    return 0;
}

static async Task<int> MigrateAsync(WebApplication app)
{
    await app.Services.MigrateModuleDatabasesAsync();
    return 0;
}
