using Platform.Media.Storage;
using Platform.Media.Tests.Support;

namespace Platform.Media.Tests.Storage;

public sealed class ContentSnifferTests
{
    public static TheoryData<string, byte[]> Files => new()
    {
        { "image/png", Samples.Png },
        { "image/jpeg", Samples.Jpeg() },
        { "audio/ogg", Samples.VoiceNote() },
        { "application/pdf", Samples.Pdf() },
        { "image/gif", [.. "GIF89a"u8.ToArray(), 1, 0, 1, 0] },
        { "image/webp", [.. "RIFF"u8.ToArray(), 0, 0, 0, 0, .. "WEBPVP8 "u8.ToArray()] },
        { "video/mp4", [0, 0, 0, 0x18, .. "ftypmp42"u8.ToArray(), 0, 0, 0, 0] },
        { "audio/mp4", [0, 0, 0, 0x18, .. "ftypM4A "u8.ToArray(), 0, 0, 0, 0] },
        { "text/plain", "plain words\r\n"u8.ToArray() },
        { "application/octet-stream", Samples.Executable() },
        { "application/octet-stream", [] },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Type_is_read_from_the_first_bytes(string expected, byte[] content) =>
        Assert.Equal(expected, ContentSniffer.Sniff(content.AsSpan(0, Math.Min(content.Length, ContentSniffer.HeaderLength))));
}
