using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BlogModular.BuildingBlocks.Persistence;

/// <summary>A module's EF Core migrations, applied by <see cref="ModuleMigrations"/>.</summary>
public interface IModuleDatabase
{
    string Module { get; }

    Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken);
}

internal sealed class ModuleDatabase<TContext>(string module) : IModuleDatabase where TContext : DbContext
{
    public string Module { get; } = module;

    public async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        await context.Database.MigrateAsync(cancellationToken);
    }
}

public static class ModuleMigrations
{
    /// <summary>Declares the module's DbContext migrations so <see cref="MigrateModuleDatabasesAsync"/> applies them.</summary>
    public static IServiceCollection AddModuleDatabase<TContext>(this IServiceCollection services, string module)
        where TContext : DbContext =>
        services.AddSingleton<IModuleDatabase>(new ModuleDatabase<TContext>(module));

    /// <summary>
    /// Applies each enabled module's pending migrations. EF Core takes a database lock while migrating,
    /// so several processes starting at once are safe.
    /// </summary>
    public static async Task MigrateModuleDatabasesAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ModuleMigrations));
        foreach (var database in services.GetServices<IModuleDatabase>())
        {
            logger.LogInformation("Applying EF Core migrations of module {Module}", database.Module);
            await database.MigrateAsync(services, cancellationToken);
        }
    }

    /// <summary>In Development, migrations run at startup before anything listens; elsewhere run the host with <c>migrate</c>.</summary>
    public static IServiceCollection AddMigrationsAtStartupInDevelopment(this IServiceCollection services)
    {
        // The first hosted service to start: others read tables at startup (Data Protection's key ring, Wolverine's
        // envelope storage) and on a fresh database they would otherwise run before the tables exist.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, MigrateInDevelopment>());
        return services;
    }

    private sealed class MigrateInDevelopment(IServiceProvider services, IHostEnvironment environment) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) =>
            environment.IsDevelopment() ? services.MigrateModuleDatabasesAsync(cancellationToken) : Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
