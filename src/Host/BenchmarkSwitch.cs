using Wolverine;

namespace BlogModular.Host;

/// <summary>
/// BENCHMARK ONLY (<c>./bench.sh</c>, measure P1 "the outbox tax"). <c>Benchmark:DisableMessaging=true</c> removes
/// every publishing route after the modules have declared theirs: <c>POST /api/posts</c> then runs the same endpoint
/// and transaction but writes and sends no envelope (Wolverine drops a message with no route). Never set it in a
/// deployment: submitted posts would never reach Approvals.
/// </summary>
internal static class BenchmarkSwitch
{
    public const string DisableMessaging = "Benchmark:DisableMessaging";

    public static WebApplicationBuilder AddBenchmarkSwitch(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue<bool>(DisableMessaging))
        {
            builder.Services.ConfigureWolverine(opts =>
            {
                foreach (var endpoint in opts.Transports.AllEndpoints())
                {
                    endpoint.Subscriptions.Clear();
                }
            });
        }

        return builder;
    }
}
