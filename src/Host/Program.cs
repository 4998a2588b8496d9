using BlogModular.Approvals;
using BlogModular.Approvals.Contracts;
using BlogModular.Blogging;
using BlogModular.Blogging.Contracts;
using BlogModular.Host;
using BlogModular.BuildingBlocks.Messaging;
using BlogModular.BuildingBlocks.Persistence;
using BlogModular.BuildingBlocks.Web;
using JasperFx;
using Scalar.AspNetCore;
using Wolverine.Http;

var builder = WebApplication.CreateBuilder(args);

builder.AddApi();
builder.AddHealth();
builder.AddMessaging(topics: [BloggingTopics.BlogCreation, ApprovalsTopics.BlogApproval]);
builder.AddBloggingModule();
builder.AddApprovalsModule();

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
