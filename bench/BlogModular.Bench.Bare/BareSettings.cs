namespace BlogModular.Bench.Bare;

/// <summary>
/// Its own connection (<c>ConnectionStrings:Bare</c>: it creates its schema itself) and the host's <c>Kafka:*</c> keys, so
/// the driver starts both with one environment and they share the PostgreSQL cluster, the broker and the fetch wait.
/// </summary>
internal sealed record BareSettings(string ConnectionString, string BootstrapServers, string Topic, int Partitions, int FetchWaitMaxMs)
{
    /// <summary>Rows per relay batch and records per consumer batch: the host's sender and batched handlers use 100 too.</summary>
    public const int BatchSize = 100;

    public const string ConsumerGroup = "bare-approvals";

    public static BareSettings From(IConfiguration configuration) => new(
        configuration.GetConnectionString("Bare") is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException("ConnectionStrings:Bare is not set."),
        configuration["Kafka:BootstrapServers"] is { Length: > 0 } bootstrap
            ? bootstrap
            : throw new InvalidOperationException("Kafka:BootstrapServers is not set."),
        configuration["Bare:Topic"] ?? "bare.post-submitted",
        configuration.GetValue("Kafka:Partitions", 3),
        configuration.GetValue("Kafka:FetchWaitMaxMs", 10));
}
