using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace BlogModular.BuildingBlocks.Messaging;

/// <summary>
/// The largest message the application sends to Kafka (<c>Kafka:MaxMessageBytes</c>, librdkafka's
/// <c>message.max.bytes</c>; keep it at or below the broker's and the topics' limits). A use case whose message would be
/// larger refuses the request up front; the outbox sender dead-letters one that still does not fit (ADR 0025).
/// </summary>
public sealed class MessageSizeLimit
{
    public const string Setting = "Kafka:MaxMessageBytes";

    /// <summary>librdkafka's and Kafka's default (about 1 MB).</summary>
    public const int Default = 1_000_000;

    /// <summary>Room kept beside the message body for the key, Wolverine's headers and the record's own overhead.</summary>
    public const int EnvelopeHeadroom = 4 * 1024;

    public int MaxMessageBytes { get; init; } = Default;

    /// <summary>The largest message body that fits with its envelope.</summary>
    public int MaxBodyBytes => Math.Max(0, MaxMessageBytes - EnvelopeHeadroom);

    public static MessageSizeLimit From(IConfiguration configuration) =>
        new() { MaxMessageBytes = configuration.GetValue(Setting, Default) };

    /// <summary>The size of <paramref name="message"/> as JSON (as the outbox serializes it); whether it fits.</summary>
    public bool Fits(object message, out int bytes)
    {
        bytes = JsonSerializer.SerializeToUtf8Bytes(message, message.GetType()).Length;
        return bytes <= MaxBodyBytes;
    }

    /// <summary>Whether an envelope whose serialized body is <paramref name="bodyBytes"/> long is over the limit.</summary>
    public bool IsOver(int bodyBytes) => bodyBytes > MaxBodyBytes;
}
