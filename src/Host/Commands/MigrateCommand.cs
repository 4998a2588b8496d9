using System.CommandLine;
using BlogModular.BuildingBlocks.Persistence;
using BlogModular.Host.Platform.Database;

namespace BlogModular.Host.Commands;

/// <summary>
/// <c>BlogModular.Host migrate</c>: with the admin connection (<c>ConnectionStrings:Admin</c>), creates or updates each
/// enabled module's login role and schema and Wolverine's tables (<see cref="DatabaseRoles"/>); then applies every
/// enabled module's pending EF Core migrations as that module's own role, and exits. An explicit deployment step, run
/// once per release before new replicas start (in Development the module migrations also run at startup).
/// </summary>
internal static class MigrateCommand
{
    public static Command Create(Func<WebApplication> buildApp)
    {
        var command = new Command("migrate", "Creates the database roles (ConnectionStrings:Admin), applies every enabled module's pending migrations, then exits");
        command.SetAction(async (_, cancellationToken) =>
        {
            var app = buildApp();
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MigrateCommand));
            await DatabaseRoles.ProvisionAsync(app.Configuration, app.Services.GetRequiredService<EnabledModules>().Modules, logger, cancellationToken);
            await app.Services.MigrateModuleDatabasesAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
