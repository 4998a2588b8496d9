using BlogModular.Approvals;
using BlogModular.Blogging;
using BlogModular.BuildingBlocks.Messaging;
using BlogModular.BuildingBlocks.Modules;
using BlogModular.BuildingBlocks.Observability;
using BlogModular.BuildingBlocks.Persistence;
using BlogModular.BuildingBlocks.Web;
using BlogModular.Host;
using JasperFx;
using Scalar.AspNetCore;
using Wolverine.Http;

if (args is [EmbeddedKafkaCommand.Name, ..])
{
    return await EmbeddedKafkaCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddApi();
builder.AddHealth();
builder.AddObservability();
builder.AddMessaging(Topics.All);
builder.AddModules(
    (BloggingModule.Name, module => module.AddBloggingModule()),
    (ApprovalsModule.Name, module => module.AddApprovalsModule()));
builder.AddBenchmarkSwitch();

var app = builder.Build();

app.UseApiProblemDetails();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapHealth();
app.MapWolverineEndpoints(http => http.RejectUnparseableQueryValues = true);

if (args is ["migrate"])
{
    // Outside Development, migrations are an explicit deployment step: `BlogModular.Host migrate`.
    await app.Services.MigrateModuleDatabasesAsync();
    return 0;
}

return await app.RunJasperFxCommands(args);
