using System.Text.RegularExpressions;
using BlogModular.Approvals;
using BlogModular.Approvals.Contracts;
using BlogModular.Blogging;
using BlogModular.Blogging.Contracts;
using BlogModular.BuildingBlocks.Modules;
using BlogModular.Host.Platform.Messaging;
using BlogModular.Testing;

namespace BlogModular.Deployment.Tests;

/// <summary>
/// The secured Kafka of compose.yaml: deploy/kafka/init.sh grants each process role exactly what its modules' descriptors
/// declare, and the broker enforces it (standard authorizer, SASL over TLS, nothing allowed without an ACL).
/// </summary>
public sealed partial class KafkaAccessTests
{
    private static readonly string InitScript = File.ReadAllText(Path.Combine(Repository.Root, "deploy", "kafka", "init.sh"));
    private static readonly string BrokerScript = File.ReadAllText(Path.Combine(Repository.Root, "deploy", "kafka", "broker.sh"));
    private static readonly IReadOnlyList<ModuleDescriptor> Modules = BlogModular.Host.Modules.All;

    [Fact]
    public void The_checked_in_init_script_is_what_the_module_descriptors_give()
    {
        // Stale after a module changes its topics: run scripts/kafka-acls.sh and commit deploy/kafka/init.sh.
        InitScript.ShouldBe(KafkaAccess.InitScript(Modules));
    }

    [Fact]
    public void Each_role_writes_only_the_topics_its_modules_publish_and_reads_only_the_topics_they_consume()
    {
        var acls = Acls();
        var roles = KafkaAccess.Roles(Modules);
        roles.Select(r => r.Name).ShouldBe(["app", "blogging", "approvals"]);

        foreach (var role in roles)
        {
            var granted = acls.Where(a => a.Principal == role.Principal).ToList();
            Names(granted, "Write", "topic").ShouldBe(
                role.Modules.SelectMany(m => m.Publishes).Select(r => r.Topic).Distinct().Order(), ignoreOrder: true, role.Name);
            Names(granted, "Read", "topic").ShouldBe(role.Modules.SelectMany(m => m.ListensTo).Distinct(), ignoreOrder: true, role.Name);
            Names(granted, "Read", "group").ShouldBe(
                role.Modules.Where(m => m.ListensTo.Count > 0).Select(m => m.ConsumerGroup), ignoreOrder: true, role.Name);
            granted.Select(a => a.Operation).Distinct().ShouldBeSubsetOf(["Write", "Read", "Describe"], role.Name);
        }

        acls.Select(a => a.Principal).Distinct().ShouldBe(roles.Select(r => r.Principal), ignoreOrder: true);
    }

    [Fact]
    public void Blogging_cannot_publish_a_decision_and_Approvals_cannot_submit_a_post()
    {
        var acls = Acls();

        Names(acls.Where(a => a.Principal == "User:blogmodular-blogging"), "Write", "topic").ShouldNotContain(ApprovalsTopics.BlogApproval);
        Names(acls.Where(a => a.Principal == "User:blogmodular-approvals"), "Write", "topic").ShouldNotContain(BloggingTopics.BlogCreation);
        Names(acls.Where(a => a.Principal == "User:blogmodular-blogging"), "Read", "group").ShouldNotContain(ApprovalsModule.Descriptor.ConsumerGroup);
        Names(acls.Where(a => a.Principal == "User:blogmodular-approvals"), "Read", "group").ShouldNotContain(BloggingModule.Descriptor.ConsumerGroup);
    }

    [Fact]
    public void Every_ACL_names_one_literal_topic_or_group_and_every_user_has_a_password_from_the_environment()
    {
        var lines = InitScript.Split('\n').Where(l => l.StartsWith("kafka kafka-acls.sh", StringComparison.Ordinal)).ToList();
        lines.ShouldNotBeEmpty();
        lines.ShouldAllBe(l => l.EndsWith("--resource-pattern-type literal", StringComparison.Ordinal) && !l.Contains('*') && !l.Contains("--cluster"));

        foreach (var role in KafkaAccess.Roles(Modules))
        {
            InitScript.ShouldContain($"--entity-name {role.User} --add-config \"SCRAM-SHA-512=[password=${{{role.PasswordVariable}:?}}]\"");
        }
    }

    [Fact]
    public void The_broker_authenticates_over_TLS_authorizes_with_the_standard_authorizer_and_allows_nothing_without_an_ACL()
    {
        BrokerScript.ShouldContain("authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        BrokerScript.ShouldContain("allow.everyone.if.no.acl.found=false");
        BrokerScript.ShouldContain("super.users=User:admin\n");
        BrokerScript.ShouldContain("auto.create.topics.enable=false");
        // Only SASL_SSL listens beyond the container's loopback interface.
        var listeners = Regex.Match(BrokerScript, @"^listeners=(.+)$", RegexOptions.Multiline).Groups[1].Value.Split(',');
        listeners.Where(l => !l.Contains("//localhost:", StringComparison.Ordinal)).ShouldBe(["SASL_SSL://:9092"]);
        BrokerScript.ShouldContain("listener.name.sasl_ssl.sasl.enabled.mechanisms=SCRAM-SHA-512,PLAIN");
        BrokerScript.ShouldNotContain("PLAINTEXT://:");
    }

    private static IEnumerable<string> Names(IEnumerable<Acl> acls, string operation, string resource) =>
        acls.Where(a => a.Operation == operation && a.Resource == resource).Select(a => a.Name);

    private sealed record Acl(string Principal, string Operation, string Resource, string Name);

    /// <summary>The grants as the init script makes them, read back from its kafka-acls.sh lines.</summary>
    private static List<Acl> Acls() => [.. AclLine().Matches(InitScript).Select(m =>
        new Acl(m.Groups["principal"].Value, m.Groups["operation"].Value, m.Groups["resource"].Value, m.Groups["name"].Value))];

    [GeneratedRegex(@"kafka-acls\.sh --add --allow-principal (?<principal>\S+) --operation (?<operation>\S+) --(?<resource>topic|group) (?<name>\S+)")]
    private static partial Regex AclLine();
}
