using BlogModular.BuildingBlocks.Messaging;
using Wolverine;

namespace BlogModular.Host.Platform.Messaging;

/// <summary>
/// What the outbox sender does when librdkafka refuses a record as too large. Wolverine's Kafka sender fails the whole
/// batch with the first error, so the rule runs for every envelope of the batch: the one over the limit goes to the
/// dead-letter table (and leaves the outbox) with an error an operator can read; the others are sent again.
/// </summary>
internal static class OversizedMessages
{
    /// <summary>After this many failed sends an envelope is dead-lettered even if its body looked small enough.</summary>
    public const int MaxSendAttempts = 3;

    public static async ValueTask HandleAsync(IEnvelopeLifecycle lifecycle, Exception exception, MessageSizeLimit limit)
    {
        if (lifecycle.Envelope is not { } envelope)
        {
            return;
        }

        var bodyBytes = envelope.Data?.Length ?? 0;
        if (limit.IsOver(bodyBytes) || envelope.SendAttempts >= MaxSendAttempts)
        {
            var error = new MessageTooLargeForKafkaException(
                $"{envelope.MessageType} message {envelope.Id} to {envelope.Destination} is {bodyBytes:N0} bytes (plus headers), over the " +
                $"{MessageSizeLimit.Setting} limit of {limit.MaxMessageBytes:N0} bytes; Kafka refused it ({exception.Message}). It is kept here " +
                "and will not be sent again; replaying it fails the same way unless the limit is raised.",
                exception);
            await lifecycle.MoveToDeadLetterQueueAsync(error);
            // Out of the outbox too, or recovery would send it again after a restart.
            await lifecycle.CompleteAsync();
            return;
        }

        await lifecycle.RetryExecutionNowAsync();
    }
}

/// <summary>The readable error a dead-lettered oversized message carries.</summary>
public sealed class MessageTooLargeForKafkaException(string message, Exception inner) : Exception(message, inner);
