using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Platform.SinchEmulator.Wire;

/// <summary>26-character ULID-style ids, the shape of every Sinch resource id.</summary>
internal static class SinchIds
{
    private const string CrockfordBase32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[16];
        var milliseconds = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var i = 5; i >= 0; i--)
        {
            bytes[i] = (byte)(milliseconds & 0xFF);
            milliseconds >>= 8;
        }
        RandomNumberGenerator.Fill(bytes[6..]);

        var value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        Span<char> chars = stackalloc char[26];
        for (var i = 25; i >= 0; i--)
        {
            chars[i] = CrockfordBase32[(int)(value & 31)];
            value >>= 5;
        }
        return new string(chars);
    }
}
