using System.CommandLine;
using BlogModular.Host.Platform.Messaging;

namespace BlogModular.Host.Commands;

/// <summary>
/// <c>BlogModular.Host kafka-acls</c>: prints the Kafka init script (users, topics, ACLs) derived from the module
/// descriptors. Builds no web host: it needs no database, broker or settings.
/// </summary>
internal static class KafkaAclsCommand
{
    public static Command Create()
    {
        var command = new Command(
            "kafka-acls",
            "Prints the secured Kafka cluster's init script: a SCRAM user per process role, the topics, and ACLs granting each role " +
            "exactly what its modules publish and consume (deploy/kafka/init.sh is this output)");
        command.SetAction(_ =>
        {
            Console.Out.Write(KafkaAccess.InitScript(Modules.All));
            return 0;
        });
        return command;
    }
}
