using System.Reflection;
using BlogModular.BuildingBlocks.Modules;
using Wolverine;
using Wolverine.Configuration;
using Wolverine.Kafka;
using Wolverine.Runtime;
using Wolverine.Runtime.Serialization;

namespace BlogModular.Host.Platform.Messaging;

/// <summary>
/// The serializer of every Kafka endpoint: it reads only the modules' public contracts (the assemblies of the messages
/// the descriptors publish). A module's internal commands (<c>DecideReview</c>, <c>SubmitPost</c>, timers) have
/// handlers too, so Wolverine would otherwise run one that arrived on a topic, named by its <c>message-type</c> header:
/// here it fails to deserialize, and Wolverine dead-letters it without running any handler.
/// </summary>
internal sealed class ContractsOnlySerializer(IMessageSerializer inner, IReadOnlySet<Assembly> contracts) : IMessageSerializer
{
    public string ContentType => inner.ContentType;

    public static IReadOnlySet<Assembly> ContractAssemblies(IEnumerable<ModuleDescriptor> modules) =>
        modules.SelectMany(m => m.Publishes).Select(r => r.Message.Assembly).ToHashSet();

    public byte[] Write(Envelope envelope) => inner.Write(envelope);

    public byte[] WriteMessage(object message) => inner.WriteMessage(message);

    public object ReadFromData(Type messageType, Envelope envelope)
    {
        Refuse(messageType, envelope.MessageType);
        return inner.ReadFromData(messageType, envelope);
    }

    public object ReadFromData(byte[] data)
    {
        var message = inner.ReadFromData(data);
        Refuse(message.GetType(), null);
        return message;
    }

    private void Refuse(Type messageType, string? identity)
    {
        if (!contracts.Contains(messageType.Assembly))
        {
            throw new UntrustedMessageTypeException(identity ?? messageType.FullName ?? messageType.Name);
        }
    }
}

/// <summary>Every Kafka endpoint reads through <see cref="ContractsOnlySerializer"/>, whatever content type a record claims.</summary>
internal sealed class ContractsOnlyOnKafka(IReadOnlySet<Assembly> contracts) : IEndpointPolicy
{
    public void Apply(Wolverine.Configuration.Endpoint endpoint, IWolverineRuntime runtime)
    {
        if (endpoint is not KafkaTopic)
        {
            return;
        }

        // Wolverine's other built-in serializer, registered for every endpoint; an endpoint's own registrations win.
        endpoint.RegisterSerializer(new ContractsOnlySerializer(IntrinsicSerializer.Instance, contracts));
        endpoint.DefaultSerializer = new ContractsOnlySerializer(runtime.Options.DefaultSerializer, contracts);
    }
}

/// <summary>A message of a type that is not a public contract arrived from the broker; it is dead-lettered unhandled.</summary>
public sealed class UntrustedMessageTypeException(string identity)
    : Exception($"'{identity}' is not a public contract message; only contract messages are accepted from Kafka. Refused without handling.");
