using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wolverine;

namespace BlogModular.BuildingBlocks.Messaging;

/// <summary>
/// When a message another module has not acknowledged is sent again (Blogging's re-announcement of submissions,
/// Approvals' re-sending of decisions): first after <see cref="After"/>, then after twice as long each time, up to
/// <see cref="MaxDelay"/>, at most <see cref="MaxAttempts"/> times.
/// </summary>
public abstract class ResendSettings
{
    /// <summary>How long a message may stay unacknowledged before it is sent again.</summary>
    public TimeSpan After { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Times a message is sent again before giving up (and logging an error).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The longest wait between two sends, however often the message was sent.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the sweep looks for messages past their time: a quarter of <see cref="After"/>, 1 s to 1 min.</summary>
    public TimeSpan SweepEvery => TimeSpan.FromTicks(Math.Clamp(After.Ticks / 4, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));

    /// <summary>The wait after the <paramref name="attempt"/>-th re-send (1 = the first): After, 2 × After, 4 × After … up to MaxDelay.</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var doublings = Math.Clamp(attempt - 1, 0, 30);
        var delay = After.Ticks * (double)(1L << doublings);
        return delay >= MaxDelay.Ticks ? TimeSpan.FromTicks(Math.Max(MaxDelay.Ticks, After.Ticks)) : TimeSpan.FromTicks((long)delay);
    }
}

/// <summary>
/// Sweeps: a round (a Wolverine message whose handler takes due rows with SKIP LOCKED and returns how many were due)
/// runs at an interval in each process that runs the module, in one transaction with its outbox. A round that finds a
/// full batch is followed by another at once. Used for re-sending what another module has not acknowledged, and for
/// Approvals' reminders.
/// </summary>
public static class ResendSweep
{
    /// <summary>The rows a round takes at most.</summary>
    public const int BatchSize = 500;

    /// <summary>Binds <typeparamref name="TSettings"/> from <paramref name="section"/> and runs <typeparamref name="TRound"/> every <see cref="ResendSettings.SweepEvery"/>.</summary>
    public static IServiceCollection AddResendSweep<TRound, TSettings>(this IServiceCollection services, IConfiguration configuration, string section)
        where TRound : new()
        where TSettings : ResendSettings
    {
        services.Configure<TSettings>(configuration.GetSection(section));
        return services.AddSweep<TRound, TSettings>(settings => settings.SweepEvery);
    }

    /// <summary>Runs <typeparamref name="TRound"/> every <paramref name="every"/> of the module's <typeparamref name="TSettings"/>.</summary>
    public static IServiceCollection AddSweep<TRound, TSettings>(this IServiceCollection services, Func<TSettings, TimeSpan> every)
        where TRound : new()
        where TSettings : class =>
        services.AddHostedService(provider => new Sweep<TRound>(
            provider.GetRequiredService<IServiceScopeFactory>(),
            every(provider.GetRequiredService<IOptions<TSettings>>().Value),
            provider.GetRequiredService<ILogger<Sweep<TRound>>>()));
}

/// <summary>The background loop of a sweep: the round itself is a handler, so it runs in one transaction with its outbox.</summary>
internal sealed class Sweep<TRound>(IServiceScopeFactory scopes, TimeSpan every, ILogger<Sweep<TRound>> logger) : BackgroundService
    where TRound : new()
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
                // A full batch means more may be due: go on until a round finds fewer.
                while (await bus.InvokeAsync<int>(new TRound(), stoppingToken) == ResendSweep.BatchSize)
                {
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // E.g. PostgreSQL unreachable: what is due stays due, and the next round takes it.
                logger.LogWarning(e, "The sweep {Round} failed; it runs again in {Interval}", typeof(TRound).Name, every);
            }
        }
    }
}
