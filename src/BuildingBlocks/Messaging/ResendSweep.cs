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

/// <summary>The batch a round of a resend sweep takes at most; a round that finds a full batch is followed by another at once.</summary>
public static class ResendSweep
{
    public const int BatchSize = 500;

    /// <summary>
    /// Runs a round of the sweep (<typeparamref name="TRound"/>, a Wolverine message whose handler returns how many
    /// messages were due) every <see cref="ResendSettings.SweepEvery"/> in each process that runs the module.
    /// </summary>
    public static IServiceCollection AddResendSweep<TRound, TSettings>(this IServiceCollection services, IConfiguration configuration, string section)
        where TRound : new()
        where TSettings : ResendSettings
    {
        services.Configure<TSettings>(configuration.GetSection(section));
        services.AddHostedService<ResendSweep<TRound, TSettings>>();
        return services;
    }
}

/// <summary>The background loop of a resend sweep: the round itself is a handler, so it runs in one transaction with its outbox.</summary>
internal sealed class ResendSweep<TRound, TSettings>(IServiceScopeFactory scopes, IOptions<TSettings> options, ILogger<ResendSweep<TRound, TSettings>> logger)
    : BackgroundService
    where TRound : new()
    where TSettings : ResendSettings
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepEvery);
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
                logger.LogWarning(e, "The sweep {Round} failed; it runs again in {Interval}", typeof(TRound).Name, options.Value.SweepEvery);
            }
        }
    }
}
