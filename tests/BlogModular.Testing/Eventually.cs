namespace BlogModular.Testing;

/// <summary>
/// Waits for an eventually consistent outcome (a message crossing Kafka) by probing until it holds or a
/// deadline passes: fast when the system is fast, and a clear failure when it never happens.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(25);

    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string? what = null) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up after {timeout.TotalSeconds:0.#} s waiting for {what ?? typeof(T).Name}.");
            }

            await Task.Delay(Interval);
        }
    }

    public static Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        GetAsync(async () => await condition() ? string.Empty : null, timeout, what);

    /// <summary>
    /// Runs <paramref name="wait"/>; when it times out, the failure also carries <paramref name="explain"/>: what the
    /// test could see meanwhile (a process's output, the host's warnings, a table's rows).
    /// </summary>
    public static async Task<T> ExplainedAsync<T>(Func<Task<T>> wait, Func<Task<string>> explain)
    {
        try
        {
            return await wait();
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}{Environment.NewLine}{await explain()}", e);
        }
    }

    public static Task ExplainedAsync(Func<Task> wait, Func<Task<string>> explain) =>
        ExplainedAsync(async () =>
        {
            await wait();
            return true;
        }, explain);
}
