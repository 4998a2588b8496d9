using System.CommandLine;
using System.Runtime.InteropServices;

namespace BlogModular.DevTools;

/// <summary>
/// <c>BlogModular.Host kafka-broker [--bootstrap-file PATH] [--partitions N]</c>: runs the embedded
/// Kafka-protocol broker on its own, for modules split into several processes on a machine without Kafka.
/// It creates the topics, prints and writes its bootstrap address, and runs until SIGINT/SIGTERM.
/// In memory, for development only. It builds no web host, so it needs no database or other settings.
/// </summary>
public static class EmbeddedKafkaCommand
{
    public static Command Create(IReadOnlyList<string> topics)
    {
        var bootstrapFile = new Option<string>("--bootstrap-file")
        {
            Description = "Where to write the broker's bootstrap address (deleted on exit)",
            HelpName = "PATH",
            DefaultValueFactory = _ => Path.Combine(".data", "kafka-bootstrap"),
        };
        var partitions = new Option<int>("--partitions")
        {
            Description = "Partitions of each topic it creates",
            HelpName = "N",
            DefaultValueFactory = _ => 3,
        };
        partitions.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() <= 0)
            {
                result.AddError("--partitions must be greater than 0.");
            }
        });

        var command = new Command("kafka-broker", "Runs the embedded Kafka-protocol broker (in memory, development only) until stopped")
        {
            bootstrapFile,
            partitions,
        };
        command.SetAction((parse, _) => RunAsync(parse.GetRequiredValue(bootstrapFile), parse.GetValue(partitions), topics));
        return command;
    }

    private static async Task<int> RunAsync(string file, int partitions, IReadOnlyList<string> topics)
    {
        using var broker = EmbeddedKafkaBroker.Start();
        foreach (var topic in topics)
        {
            broker.CreateTopic(topic, partitions);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        await File.WriteAllTextAsync(file, broker.BootstrapServers);
        Console.WriteLine($"Embedded Kafka broker (in memory, development only) at {broker.BootstrapServers}");
        Console.WriteLine($"Topics: {string.Join(", ", topics)} ({partitions} partitions). Address written to {file}.");

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
}
