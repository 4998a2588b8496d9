using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BlogModular.BuildingBlocks.Persistence;

/// <summary>
/// What changed in a module's tables, for its live pages. The tables announce it themselves: a trigger (written by the
/// module's migrations) calls <c>pg_notify</c> on the module's channel, and PostgreSQL delivers a notification only when
/// the writing transaction commits, to every connection listening on that channel. So a page hears of a change made
/// by this process's handlers, by handlers of messages another process sent, by another replica of the module, or by
/// an operator's script, always after the commit and never of a change that rolled back. One connection per feed
/// listens; a page re-reads only when told (ADR 0026).
/// </summary>
/// <remarks>
/// The payload is the module's to define (e.g. the author whose post changed, so a page can skip what is not its
/// user's); an empty one concerns every page. After (re)connecting the feed tells every subscriber once, since
/// notifications sent while no connection listened are lost.
/// </remarks>
public abstract class ChangeFeed : BackgroundService
{
    internal static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    internal static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);

    private readonly string _connectionString;
    private readonly ILogger _logger;
    private ImmutableList<ChangeSubscription> _subscriptions = [];

    protected ChangeFeed(string channel, string connectionString, ILogger logger)
    {
        Channel = channel;
        _logger = logger;
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // The connection only waits: TCP keepalives notice a dead server without sending any query.
            TcpKeepAlive = true,
            ApplicationName = $"blogmodular change feed {channel}",
        }.ConnectionString;
    }

    /// <summary>The PostgreSQL notification channel the module's triggers notify.</summary>
    public string Channel { get; }

    /// <summary>
    /// Starts following the module's changes. Subscribe before the first read, so a change committed while it runs is
    /// not missed. <paramref name="relevant"/> sees each notification's payload; without it every change counts.
    /// </summary>
    public ChangeSubscription Subscribe(Func<string, bool>? relevant = null)
    {
        var subscription = new ChangeSubscription(this, relevant, _logger);
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Add(subscription));
        return subscription;
    }

    internal void Unsubscribe(ChangeSubscription subscription) =>
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Remove(subscription));

    /// <summary>Tells the subscribers; a null payload concerns every one of them.</summary>
    protected void Announce(string? payload)
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Notify(payload);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => Announce(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN \"{Channel}\"", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Whatever was committed before this LISTEN (or while the last connection was down) went unheard.
                Announce(null);
                retry = FirstRetry;
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // E.g. PostgreSQL restarting: pages keep what they show, and re-read once the feed listens again.
                _logger.LogWarning(e, "The change feed on {Channel} lost PostgreSQL; listening again in {Retry}", Channel, retry);
                await Task.Delay(retry, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
            }
        }
    }
}

/// <summary>
/// One page's interest in a <see cref="ChangeFeed"/>: changes that arrive while the page is re-reading count as one
/// more re-read, however many there were. Dispose it with the page.
/// </summary>
public sealed class ChangeSubscription : IDisposable
{
    private readonly ChangeFeed _feed;
    private readonly Func<string, bool>? _relevant;
    private readonly ILogger _logger;
    private readonly Channel<bool> _changed = System.Threading.Channels.Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    internal ChangeSubscription(ChangeFeed feed, Func<string, bool>? relevant, ILogger logger)
    {
        _feed = feed;
        _relevant = relevant;
        _logger = logger;
    }

    /// <summary>Asks for a re-read as a change would, e.g. when something shown turns stale with time alone.</summary>
    public void Nudge() => _changed.Writer.TryWrite(true);

    internal void Notify(string? payload)
    {
        if (payload is null || payload.Length == 0 || _relevant is null || _relevant(payload))
        {
            Nudge();
        }
    }

    /// <summary>
    /// Calls <paramref name="refresh"/> after each change until <paramref name="stop"/>. A failed refresh (e.g. PostgreSQL
    /// restarting) is logged and tried again after a pause that doubles from one second up to 30, or sooner if another
    /// change arrives; meanwhile the page keeps what it shows. A page's first read goes through here as well (nudge
    /// before calling), so a page that cannot read yet says it is loading instead of ending its circuit.
    /// </summary>
    public async Task RefreshOnChangeAsync(Func<Task> refresh, CancellationToken stop)
    {
        var retry = ChangeFeed.FirstRetry;
        try
        {
            // False once disposed.
            while (await _changed.Reader.WaitToReadAsync(stop))
            {
                _changed.Reader.TryRead(out _);
                try
                {
                    await refresh();
                    retry = ChangeFeed.FirstRetry;
                }
                catch (Exception e)
                {
                    if (stop.IsCancellationRequested)
                    {
                        return;
                    }

                    _logger.LogWarning(e, "A live page on {Channel} could not read; trying again in {Retry}", _feed.Channel, retry);
                    _ = Task.Delay(retry, stop).ContinueWith(_ => Nudge(), CancellationToken.None,
                        TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
                    retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, ChangeFeed.LastRetry.Ticks));
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The page was closed.
        }
    }

    public void Dispose()
    {
        _feed.Unsubscribe(this);
        _changed.Writer.TryComplete();
    }
}

public static class ChangeFeedRegistration
{
    /// <summary>The feed as a singleton for pages to subscribe to, listening while the host runs.</summary>
    public static IServiceCollection AddChangeFeed<TFeed>(this IServiceCollection services)
        where TFeed : ChangeFeed
    {
        services.AddSingleton<TFeed>();
        services.AddHostedService(provider => provider.GetRequiredService<TFeed>());
        return services;
    }
}
