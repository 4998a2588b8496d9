#if DEVTOOLS
using System.Runtime.InteropServices;
using BlogModular.DevTools;

namespace BlogModular.Host;

/// <summary>
/// <c>BlogModular.Host kafka-broker [--bootstrap-file PATH] [--partitions N]</c>: runs the embedded
/// Kafka-protocol broker on its own, for modules split into several processes on a machine without Kafka.
/// It creates the topics, prints and writes its bootstrap address, and runs until SIGINT/SIGTERM.
/// In memory, for development only.
/// </summary>
internal static class EmbeddedKafkaCommand
{
    public const string Name = "kafka-broker";

    public static async Task<int> RunAsync(string[] args)
    {
        var file = Option(args, "--bootstrap-file") ?? Path.Combine(".data", "kafka-bootstrap");
        var partitions = int.TryParse(Option(args, "--partitions"), out var n) && n > 0 ? n : 3;

        using var broker = EmbeddedKafkaBroker.Start();
        foreach (var topic in Modules.Topics)
        {
            broker.CreateTopic(topic, partitions);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        await File.WriteAllTextAsync(file, broker.BootstrapServers);
        Console.WriteLine($"Embedded Kafka broker (in memory, development only) at {broker.BootstrapServers}");
        Console.WriteLine($"Topics: {string.Join(", ", Modules.Topics)} ({partitions} partitions). Address written to {file}.");

        var stopped = new TaskCompletionSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        await stopped.Task;
        File.Delete(file);
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stopped.TrySetResult();
        }
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
#endif
