using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BlogModular.Host.Platform.Messaging;
using Confluent.Kafka;

namespace BlogModular.Deployment.Tests;

/// <summary><c>Kafka:Security:*</c>: what reaches the Kafka clients, and which settings the host refuses to start with.</summary>
public sealed class KafkaSecuritySettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("blogmodular-kafka-ca-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static KafkaSecuritySettings Scram(string? caLocation = null) => new()
    {
        Protocol = "SaslSsl",
        Mechanism = "ScramSha512",
        Username = "blogmodular-blogging",
        Password = "from-a-secret",
        CaLocation = caLocation,
    };

    [Fact]
    public void By_default_clients_speak_plain_text_without_credentials()
    {
        var settings = new KafkaSecuritySettings();

        var producer = settings.ApplyTo(new ProducerConfig());

        settings.Problems(embeddedBroker: true).ShouldBeEmpty();
        producer.SecurityProtocol.ShouldBe(SecurityProtocol.Plaintext);
        producer.SaslMechanism.ShouldBeNull();
        producer.SaslUsername.ShouldBeNull();
    }

    [Fact]
    public void SASL_over_TLS_reaches_producers_consumers_and_admin_clients_alike()
    {
        var ca = WriteCa();
        var settings = Scram(ca);
        settings.Problems(embeddedBroker: false).ShouldBeEmpty();

        ClientConfig[] clients = [settings.ApplyTo(new ProducerConfig()), settings.ApplyTo(new ConsumerConfig()), settings.ApplyTo(new AdminClientConfig())];

        clients.ShouldAllBe(c => c.SecurityProtocol == SecurityProtocol.SaslSsl && c.SaslMechanism == SaslMechanism.ScramSha512
            && c.SaslUsername == "blogmodular-blogging" && c.SaslPassword == "from-a-secret" && c.SslCaLocation == ca
            && c.SslEndpointIdentificationAlgorithm == SslEndpointIdentificationAlgorithm.Https);
    }

    [Theory]
    [InlineData("SCRAM-SHA-512", SaslMechanism.ScramSha512)]
    [InlineData("scramsha256", SaslMechanism.ScramSha256)]
    [InlineData("PLAIN", SaslMechanism.Plain)]
    public void Mechanisms_are_read_in_Kafka_s_spelling_too(string mechanism, SaslMechanism expected)
    {
        var settings = Scram();
        settings.Mechanism = mechanism;

        settings.Problems(embeddedBroker: false).ShouldBeEmpty();
        settings.ApplyTo(new ProducerConfig()).SaslMechanism.ShouldBe(expected);
    }

    [Fact]
    public void Librdkafka_accepts_the_mapped_configuration_and_refuses_a_CA_file_it_cannot_read()
    {
        var settings = Scram(WriteCa());
        // Building a client checks every property and loads the CA file; nothing connects yet that the test waits for.
        using (new ProducerBuilder<string, byte[]>(settings.ApplyTo(new ProducerConfig { BootstrapServers = "127.0.0.1:1" })).Build())
        using (new AdminClientBuilder(settings.ApplyTo(new AdminClientConfig { BootstrapServers = "127.0.0.1:1" })).Build())
        {
        }

        var garbage = Path.Combine(_directory, "garbage.pem");
        File.WriteAllText(garbage, "not a certificate");
        Should.Throw<Exception>(() =>
            new ProducerBuilder<string, byte[]>(Scram(garbage).ApplyTo(new ProducerConfig { BootstrapServers = "127.0.0.1:1" })).Build().Dispose());
        Scram(garbage).Problems(embeddedBroker: false).ShouldHaveSingleItem().ShouldStartWith($"Kafka:Security:CaLocation '{garbage}': ");
    }

    public static TheoryData<string, string?, string?, string?, string?, string?, bool, string[]> Unusable => new()
    {
        { "an unknown protocol", "Tls", null, null, null, null, false, ["Kafka:Security:Protocol 'Tls' is not one of"] },
        {
            "SASL without mechanism, user or password", "SaslSsl", null, null, null, null, false,
            ["Kafka:Security:Mechanism is required with SaslSsl", "Kafka:Security:Username is required", "Kafka:Security:Password is required"]
        },
        { "an unsupported mechanism", "SaslSsl", "Gssapi", "u", "p", null, false, ["Kafka:Security:Mechanism 'Gssapi' is not supported"] },
        { "a clear-text password", "SaslPlaintext", "Plain", "u", "p", null, false, ["Kafka:Security:Mechanism Plain sends the password in clear"] },
        { "credentials without SASL", "Ssl", null, "u", "p", null, false, ["Kafka:Security:Mechanism, Username and Password are only used with"] },
        { "a CA without TLS", "SaslPlaintext", "ScramSha512", "u", "p", "/etc/ssl/certs/ca-certificates.crt", false, ["Kafka:Security:CaLocation is only used with Ssl or SaslSsl"] },
        { "a CA file that is not there", "SaslSsl", "ScramSha512", "u", "p", "/nowhere/ca.crt", false, ["Kafka:Security:CaLocation '/nowhere/ca.crt': no such file."] },
        { "TLS to the embedded broker", "SaslSsl", "ScramSha512", "u", "p", null, true, ["Kafka:Security:Protocol is SaslSsl, but the embedded development broker"] },
    };

    [Theory]
    [MemberData(nameof(Unusable))]
    public void Unusable_settings_are_refused_each_naming_its_setting(
        string why, string? protocol, string? mechanism, string? username, string? password, string? caLocation, bool embedded, string[] expected)
    {
        var settings = new KafkaSecuritySettings { Protocol = protocol, Mechanism = mechanism, Username = username, Password = password, CaLocation = caLocation };

        var problems = settings.Problems(embedded);

        problems.Count.ShouldBe(expected.Length, why);
        for (var i = 0; i < expected.Length; i++)
        {
            problems[i].ShouldStartWith(expected[i], Case.Sensitive, why);
        }
    }

    /// <summary>A self-signed CA certificate as PEM, like scripts/kafka-certs.sh writes.</summary>
    private string WriteCa()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Test Kafka CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        var path = Path.Combine(_directory, "ca.crt");
        File.WriteAllText(path, ca.ExportCertificatePem());
        return path;
    }
}
