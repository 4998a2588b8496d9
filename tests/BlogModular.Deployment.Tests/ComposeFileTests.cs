using System.Text.RegularExpressions;
using BlogModular.Testing;

namespace BlogModular.Deployment.Tests;

/// <summary>
/// compose.yaml as a production template: what it must not do by default. (No Docker engine here, so the file is
/// read as text, one service block at a time.)
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly string Compose = File.ReadAllText(Path.Combine(Repository.Root, "compose.yaml"));

    [Fact]
    public void Production_has_no_default_mail_server()
    {
        Compose.ShouldContain("Mail__Smtp__Host: ${SMTP_HOST:?");
        Compose.ShouldNotContain("AllowPlainTextOnLoopback: \"true\"");
    }

    [Fact]
    public void The_mail_catcher_is_a_development_profile_on_the_loopback_interface_only()
    {
        var mailpit = Service("mailpit");

        mailpit.ShouldContain("profiles: [dev-mail]");
        var ports = PortMapping().Matches(mailpit).Select(m => m.Groups[1].Value).ToList();
        ports.ShouldNotBeEmpty();
        ports.ShouldAllBe(port => port.StartsWith("127.0.0.1:", StringComparison.Ordinal));
    }

    [Fact]
    public void Production_needs_its_public_address_and_never_publishes_the_management_port()
    {
        Compose.ShouldContain("App__PublicBaseUrl: ${PUBLIC_BASE_URL:?");
        Compose.ShouldContain("Management__Port: \"9091\"");
        PortMapping().Matches(Compose).Select(m => m.Groups[1].Value).ShouldNotContain(port => port.Contains("9091", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_process_role_is_its_own_Kafka_user_over_SASL_and_TLS_with_its_password_from_the_environment()
    {
        Compose.ShouldContain("Kafka__Security__Protocol: SaslSsl");
        Compose.ShouldContain("Kafka__Security__Mechanism: ScramSha512");
        Compose.ShouldContain("Kafka__AutoProvision: \"false\"");
        foreach (var (service, role) in new[] { ("app", "app"), ("blogging", "blogging"), ("approvals", "approvals") })
        {
            var block = Service(service);
            block.ShouldContain($"Kafka__Security__Username: blogmodular-{role}\n");
            block.ShouldContain($"Kafka__Security__Password: ${{KAFKA_{role.ToUpperInvariant()}_PASSWORD:?");
            block.ShouldContain("kafka-ca.crt:ro");
        }

        // Passwords are required, never defaulted, and the init step creates exactly these users (KafkaAccessTests).
        Regex.IsMatch(Compose, @"KAFKA_\w+_PASSWORD:-").ShouldBeFalse("a Kafka password with a default");
        var init = Service("kafka-init");
        init.ShouldContain("/etc/blogmodular/kafka/init.sh");
        init.ShouldContain("KAFKA_ADMIN_PASSWORD: ${KAFKA_ADMIN_PASSWORD:?");
        Service("kafka").ShouldContain("/etc/blogmodular/kafka/broker.sh");
        Service("migrate").ShouldContain("kafka-init: { condition: service_completed_successfully }");
    }

    [Fact]
    public void Only_the_migrate_service_is_given_the_superusers_connection()
    {
        Regex.Count(Compose, "ConnectionStrings__Admin:").ShouldBe(1);
        Service("migrate").ShouldContain("ConnectionStrings__Admin: ");
        foreach (var app in new[] { "app", "blogging", "approvals" })
        {
            Service(app).ShouldNotContain("POSTGRES_PASSWORD", customMessage: app);
            Service(app).ShouldNotContain("Admin", customMessage: app);
        }
    }

    [Fact]
    public void Every_module_role_and_the_message_store_connect_with_a_password_from_the_environment()
    {
        foreach (var name in BlogModular.Host.Modules.All.Select(m => m.ConnectionStringName).Append("Messaging"))
        {
            var line = Compose.Split('\n').Where(l => l.TrimStart().StartsWith($"ConnectionStrings__{name}: ", StringComparison.Ordinal)).ShouldHaveSingleItem();
            line.ShouldContain($"Username=blogmodular_{name.ToLowerInvariant()};");
            line.ShouldMatch(@"Password=\$\{[A-Z_]+_DB_PASSWORD:\?");
        }
    }

    /// <summary>From "  name:" to the next service at the same indentation.</summary>
    private static string Service(string name)
    {
        var start = Compose.IndexOf($"\n  {name}:\n", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, $"service {name}");
        var next = NextService().Match(Compose, start + name.Length + 4);
        return Compose[start..(next.Success ? next.Index : Compose.Length)];
    }

    [GeneratedRegex(@"^\s+- ""([^""]+)""\s*$", RegexOptions.Multiline)]
    private static partial Regex PortMapping();

    [GeneratedRegex(@"\n  [a-z][a-z0-9-]*:\n")]
    private static partial Regex NextService();
}
