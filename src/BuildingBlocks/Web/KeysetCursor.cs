using System.Buffers.Binary;
using System.Buffers.Text;

namespace BlogModular.BuildingBlocks.Web;

/// <summary>
/// Position after the last row of a page ordered by (timestamp, id). Opaque to clients (base64url), so the
/// ordering can change without breaking them; a cursor that does not decode is the client's error (400).
/// </summary>
public readonly record struct KeysetCursor(DateTimeOffset At, Guid Id)
{
    private const int Size = sizeof(long) + 16;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Size];
        BinaryPrimitives.WriteInt64BigEndian(bytes, At.UtcTicks);
        Id.TryWriteBytes(bytes[sizeof(long)..], bigEndian: true, out _);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryDecode(string? text, out KeysetCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > 64)
        {
            return false;
        }

        // IsValid first: decoding throws on a character that is not base64url.
        if (!Base64Url.IsValid(text, out var length) || length != Size)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Size];
        Base64Url.DecodeFromChars(text, bytes);

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        cursor = new KeysetCursor(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes[sizeof(long)..Size], bigEndian: true));
        return true;
    }
}
