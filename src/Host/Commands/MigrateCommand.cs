using System.CommandLine;
using BlogModular.BuildingBlocks.Persistence;

namespace BlogModular.Host.Commands;

/// <summary>
/// <c>BlogModular.Host migrate</c>: applies every enabled module's pending EF Core migrations and exits. Outside
/// Development this is an explicit deployment step, run once per release before new replicas start.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create(Func<WebApplication> buildApp)
    {
        var command = new Command("migrate", "Applies every enabled module's pending database migrations, then exits");
        command.SetAction(async (_, cancellationToken) =>
        {
            await buildApp().Services.MigrateModuleDatabasesAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
