using System.Text;
using BlogModular.BuildingBlocks.Modules;

namespace BlogModular.Host.Platform.Messaging;

/// <summary>
/// What each process role may do on a secured Kafka cluster, derived from the module descriptors, so the broker's ACLs
/// cannot drift from the code: a role writes only the topics its modules publish to, reads only the topics they listen
/// on (in their own consumer groups), and may describe the application's topics and groups (the consumer-lag view).
/// <see cref="InitScript"/> is the broker's init step (deploy/kafka/init.sh, written by scripts/kafka-acls.sh).
/// </summary>
public static class KafkaAccess
{
    /// <summary>The role running every module in one process (compose's all-in-one layout).</summary>
    public const string AllInOne = "app";

    /// <summary>The all-in-one role, then one role per switchable module (with the modules every process runs).</summary>
    public static IReadOnlyList<KafkaRole> Roles(IReadOnlyList<ModuleDescriptor> modules) =>
    [
        new(AllInOne, modules),
        .. modules.Where(m => m.Switchable)
            .Select(m => new KafkaRole(m.Name.ToLowerInvariant(), [m, .. modules.Where(other => !other.Switchable)])),
    ];

    /// <summary>Every grant of <paramref name="role"/>: exactly what its modules declare, and describe rights for operations.</summary>
    public static IReadOnlyList<KafkaGrant> Grants(KafkaRole role, IReadOnlyList<ModuleDescriptor> modules)
    {
        var grants = new List<KafkaGrant>();
        foreach (var topic in role.Modules.SelectMany(m => m.Publishes).Select(r => r.Topic).Distinct().Order(StringComparer.Ordinal))
        {
            grants.Add(new(role.Principal, "Write", KafkaResource.Topic, topic));
        }

        foreach (var (topic, group) in Consumers(role.Modules))
        {
            grants.Add(new(role.Principal, "Read", KafkaResource.Topic, topic));
            grants.Add(new(role.Principal, "Read", KafkaResource.Group, group));
        }

        // The operations view shows every module's consumer lag from whichever process serves it: metadata and
        // committed offsets only, no messages.
        foreach (var topic in Consumers(modules).Select(c => c.Topic).Distinct().Order(StringComparer.Ordinal))
        {
            grants.Add(new(role.Principal, "Describe", KafkaResource.Topic, topic));
        }

        foreach (var group in Consumers(modules).Select(c => c.Group).Distinct().Order(StringComparer.Ordinal))
        {
            grants.Add(new(role.Principal, "Describe", KafkaResource.Group, group));
        }

        return [.. grants.Distinct()];
    }

    /// <summary>
    /// A bash script for the broker's init container (apache/kafka image): the roles' SCRAM users (passwords from the
    /// environment), the topics, and the ACLs. Idempotent: re-running it changes nothing.
    /// </summary>
    public static string InitScript(IReadOnlyList<ModuleDescriptor> modules)
    {
        var roles = Roles(modules);
        var script = new StringBuilder();
        script.Append("""
            #!/usr/bin/env bash
            # GENERATED from the module descriptors by `BlogModular.Host kafka-acls` (scripts/kafka-acls.sh): do not edit.
            # The init step of compose.yaml's Kafka: creates each process role's SCRAM user, the topics and the ACLs.
            # Run as the broker's super user over TLS; see docs/deployment.md (Kafka: certificates, principals and ACLs).
            set -euo pipefail

            : "${KAFKA_BOOTSTRAP:?}" "${KAFKA_ADMIN_PASSWORD:?}" "${KAFKA_CA_FILE:?}"
            partitions="${KAFKA_PARTITIONS:-3}"
            admin_config="$(mktemp)"
            trap 'rm -f "$admin_config"' EXIT
            cat > "$admin_config" <<EOF
            security.protocol=SASL_SSL
            sasl.mechanism=PLAIN
            sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="${KAFKA_ADMIN_PASSWORD}";
            ssl.truststore.type=PEM
            ssl.truststore.location=${KAFKA_CA_FILE}
            EOF
            bin=/opt/kafka/bin
            kafka() { "$bin/$1" --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config "$admin_config" "${@:2}"; }


            """);

        script.Append("# Users: one per process role.\n");
        foreach (var role in roles)
        {
            script.Append($"kafka kafka-configs.sh --alter --entity-type users --entity-name {role.User} " +
                          $"--add-config \"SCRAM-SHA-512=[password=${{{role.PasswordVariable}:?}}]\"\n");
        }

        script.Append("\n# Topics.\n");
        foreach (var topic in Topics(modules))
        {
            script.Append($"kafka kafka-topics.sh --create --if-not-exists --topic {topic} --partitions \"$partitions\"\n");
        }

        script.Append("\n# ACLs: exactly what each role's modules declare (KafkaAccess.Grants).\n");
        foreach (var role in roles)
        {
            script.Append($"# {role.Name}: {string.Join(", ", role.Modules.Select(m => m.Name))}\n");
            foreach (var grant in Grants(role, modules))
            {
                script.Append(grant.Command).Append('\n');
            }
        }

        return script.ToString();
    }

    private static IReadOnlyList<string> Topics(IReadOnlyList<ModuleDescriptor> modules) =>
        [.. modules.SelectMany(m => m.Publishes.Select(r => r.Topic).Concat(m.ListensTo)).Distinct().Order(StringComparer.Ordinal)];

    private static IEnumerable<(string Topic, string Group)> Consumers(IEnumerable<ModuleDescriptor> modules) =>
        modules.SelectMany(m => m.ListensTo.Select(topic => (topic, m.ConsumerGroup)));
}

/// <summary>A process role: the modules one kind of process runs, and the Kafka principal it authenticates as.</summary>
public sealed record KafkaRole(string Name, IReadOnlyList<ModuleDescriptor> Modules)
{
    public string User => $"blogmodular-{Name}";

    public string Principal => $"User:{User}";

    /// <summary>The environment variable its password comes from, in the init step and in compose.yaml.</summary>
    public string PasswordVariable => $"KAFKA_{Name.ToUpperInvariant()}_PASSWORD";
}

public enum KafkaResource
{
    Topic,
    Group,
}

/// <summary>One allowed operation of a principal on a literal topic or consumer group.</summary>
public sealed record KafkaGrant(string Principal, string Operation, KafkaResource Resource, string Name)
{
    public string Command =>
        $"kafka kafka-acls.sh --add --allow-principal {Principal} --operation {Operation} --{Resource.ToString().ToLowerInvariant()} {Name} --resource-pattern-type literal";
}
