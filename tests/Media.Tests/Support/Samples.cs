using System.Security.Cryptography;
using Platform.Contracts;

namespace Platform.Media.Tests.Support;

/// <summary>Small files whose first bytes are what real ones start with, and inbound events that carry them.</summary>
internal static class Samples
{
    public const string AppId = "01JAPP7Q9M2K4W6X8Y0Z1B3C5D";

    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    public static byte[] Jpeg(int length = 4096) => WithHeader([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8.ToArray()], length);

    public static byte[] VoiceNote(int length = 6000) => WithHeader([.. "OggS"u8.ToArray(), 0x00, 0x02], length);

    public static byte[] Pdf(int length = 9000) => WithHeader([.. "%PDF-1.7\n"u8.ToArray()], length);

    public static byte[] Executable(int length = 2048) => WithHeader([(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00], length);

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static InboundMessageReceived InboundMedia(string url, string? sinchMessageId = null, string identity = "46700000123", string? contactId = null) => new()
    {
        SinchAppId = AppId,
        SinchMessageId = sinchMessageId ?? "01JMEDIA" + Guid.NewGuid().ToString("N")[..18].ToUpperInvariant(),
        SinchContactId = contactId ?? "01JCONTACT" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant(),
        SinchConversationId = "01JCONV" + Guid.NewGuid().ToString("N")[..19].ToUpperInvariant(),
        Channel = "WHATSAPP",
        Identity = new ChannelIdentity { Channel = "WHATSAPP", Identity = identity },
        Kind = InboundMessageKinds.Media,
        Media = new InboundMedia { Url = url },
        ReceivedAt = DateTimeOffset.UtcNow,
    };

    public static Guid MediaIdOf(InboundMessageReceived message) =>
        Platform.Media.Downloads.MediaIds.ForInbound(message.SinchAppId, message.SinchMessageId, "media");

    private static byte[] WithHeader(byte[] header, int length)
    {
        var content = new byte[Math.Max(length, header.Length)];
        new Random(length).NextBytes(content);
        header.CopyTo(content, 0);
        return content;
    }
}
