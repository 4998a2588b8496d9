using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace BlogModular.Host.Platform.Messaging;

/// <summary>
/// How this process proves who it is to Kafka and checks the broker (<c>Kafka:Security:*</c>). Each process role has a
/// principal of its own (docs/deployment.md), so the broker's ACLs decide what it may read and write. The default,
/// plain text without a user, is what the embedded development broker speaks.
/// </summary>
public sealed class KafkaSecuritySettings
{
    public const string Section = "Kafka:Security";

    /// <summary><c>Plaintext</c> (default), <c>Ssl</c>, <c>SaslPlaintext</c> or <c>SaslSsl</c>.</summary>
    public string? Protocol { get; set; }

    /// <summary>The SASL mechanism: <c>ScramSha512</c>, <c>ScramSha256</c> or <c>Plain</c> (Kafka's spelling, <c>SCRAM-SHA-512</c>, works too).</summary>
    public string? Mechanism { get; set; }

    public string? Username { get; set; }

    /// <summary>From the environment or a secret store, never from a committed file.</summary>
    public string? Password { get; set; }

    /// <summary>A PEM file with the CA certificate(s) the broker's certificate must chain to; empty: the system's CAs.</summary>
    public string? CaLocation { get; set; }

    /// <summary>The parsed protocol; null when <see cref="Protocol"/> is not one of the four.</summary>
    public SecurityProtocol? ParsedProtocol =>
        string.IsNullOrWhiteSpace(Protocol) ? SecurityProtocol.Plaintext : Parse<SecurityProtocol>(Protocol);

    /// <summary>The parsed mechanism; null when none is set or it is not one this host supports.</summary>
    public SaslMechanism? ParsedMechanism =>
        Parse<SaslMechanism>(Mechanism) is { } mechanism && SupportedMechanisms.Contains(mechanism) ? mechanism : null;

    private static readonly SaslMechanism[] SupportedMechanisms = [SaslMechanism.ScramSha512, SaslMechanism.ScramSha256, SaslMechanism.Plain];

    private bool UsesSasl => ParsedProtocol is SecurityProtocol.SaslSsl or SecurityProtocol.SaslPlaintext;

    private bool UsesTls => ParsedProtocol is SecurityProtocol.SaslSsl or SecurityProtocol.Ssl;

    /// <summary>
    /// Writes these settings onto a client's configuration (producer, consumer or admin). Settings that
    /// <see cref="Problems"/> refuses are left out: the host does not start with them anyway.
    /// </summary>
    public T ApplyTo<T>(T client) where T : ClientConfig
    {
        if (ParsedProtocol is not { } protocol)
        {
            return client;
        }

        client.SecurityProtocol = protocol;
        if (UsesSasl)
        {
            client.SaslMechanism = ParsedMechanism;
            client.SaslUsername = Username;
            client.SaslPassword = Password;
        }

        if (UsesTls)
        {
            client.SslCaLocation = string.IsNullOrWhiteSpace(CaLocation) ? null : CaLocation;
            // librdkafka's default, written out: the broker's certificate must name the host the client connected to.
            client.SslEndpointIdentificationAlgorithm = SslEndpointIdentificationAlgorithm.Https;
        }

        return client;
    }

    /// <summary>What is wrong with these settings, one sentence each naming the setting; empty when they can be used.</summary>
    public IReadOnlyList<string> Problems(bool embeddedBroker)
    {
        var problems = new List<string>();
        if (ParsedProtocol is not { } protocol)
        {
            problems.Add($"Kafka:Security:Protocol '{Protocol}' is not one of Plaintext, Ssl, SaslPlaintext, SaslSsl.");
            return problems;
        }

        if (embeddedBroker && protocol != SecurityProtocol.Plaintext)
        {
            problems.Add($"Kafka:Security:Protocol is {protocol}, but the embedded development broker speaks plain text only; set Kafka:BootstrapServers to a real cluster.");
        }

        if (UsesSasl)
        {
            if (ParsedMechanism is not { } mechanism)
            {
                problems.Add(string.IsNullOrWhiteSpace(Mechanism)
                    ? $"Kafka:Security:Mechanism is required with {protocol}: ScramSha512, ScramSha256 or Plain."
                    : $"Kafka:Security:Mechanism '{Mechanism}' is not supported: use ScramSha512, ScramSha256 or Plain.");
            }
            else if (mechanism == SaslMechanism.Plain && protocol == SecurityProtocol.SaslPlaintext)
            {
                problems.Add("Kafka:Security:Mechanism Plain sends the password in clear over SaslPlaintext; use SaslSsl (or a SCRAM mechanism).");
            }

            if (string.IsNullOrWhiteSpace(Username))
            {
                problems.Add($"Kafka:Security:Username is required with {protocol}: this process's Kafka principal.");
            }

            if (string.IsNullOrEmpty(Password))
            {
                problems.Add($"Kafka:Security:Password is required with {protocol} (from the environment or a secret, e.g. Kafka__Security__Password).");
            }
        }
        else if (!string.IsNullOrWhiteSpace(Mechanism) || !string.IsNullOrWhiteSpace(Username) || !string.IsNullOrEmpty(Password))
        {
            problems.Add($"Kafka:Security:Mechanism, Username and Password are only used with SaslSsl or SaslPlaintext, not {protocol}; set Kafka:Security:Protocol.");
        }

        if (!string.IsNullOrWhiteSpace(CaLocation))
        {
            if (!UsesTls)
            {
                problems.Add($"Kafka:Security:CaLocation is only used with Ssl or SaslSsl, not {protocol}.");
            }
            else if (ReadCertificates(CaLocation) is { } unreadable)
            {
                problems.Add($"Kafka:Security:CaLocation '{CaLocation}': {unreadable}");
            }
        }

        return problems;
    }

    /// <summary>Null when the file holds at least one PEM certificate; otherwise why not.</summary>
    private static string? ReadCertificates(string path)
    {
        if (!File.Exists(path))
        {
            return "no such file.";
        }

        try
        {
            var certificates = new X509Certificate2Collection();
            certificates.ImportFromPemFile(path);
            return certificates.Count > 0 ? null : "no PEM certificate in the file.";
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return $"not a readable PEM certificate file ({e.Message}).";
        }
    }

    private static T? Parse<T>(string? value) where T : struct, Enum =>
        Enum.TryParse<T>(value?.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var parsed)
        && Enum.IsDefined(parsed)
            ? parsed
            : null;

    /// <summary>Refuses to start with settings the Kafka client could not use, each problem on a line of its own.</summary>
    internal sealed class Rule(bool embeddedBroker) : IValidateOptions<KafkaSecuritySettings>
    {
        public ValidateOptionsResult Validate(string? name, KafkaSecuritySettings options) =>
            options.Problems(embeddedBroker) is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
