using System.Text;

namespace Platform.Media.Storage;

/// <summary>
/// The content type from a file's first bytes (its magic number), never from what the sender claims: a sender's
/// <c>Content-Type</c> or file name is only a hint, and a wrong one must not make an executable look like a picture.
/// </summary>
public static class ContentSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> looks at.</summary>
    public const int HeaderLength = 512;

    public const string Unknown = "application/octet-stream";

    public static string Sniff(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        if (header.Length >= 12 && header.StartsWith("RIFF"u8))
        {
            var form = header[8..12];
            return form.SequenceEqual("WEBP"u8) ? "image/webp" : form.SequenceEqual("WAVE"u8) ? "audio/wav" : Unknown;
        }

        if (header.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        if (header.StartsWith("OggS"u8))
        {
            return "audio/ogg";
        }

        if (header.StartsWith("#!AMR"u8))
        {
            return "audio/amr";
        }

        if (header.StartsWith("ID3"u8) || (header.Length >= 2 && header[0] == 0xFF && (header[1] & 0xE0) == 0xE0 && (header[1] & 0x06) != 0))
        {
            return "audio/mpeg";
        }

        if (header.Length >= 12 && header[4..8].SequenceEqual("ftyp"u8))
        {
            return IsoMediaType(header[8..12]);
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return "video/webm";
        }

        if (header.StartsWith("PK\u0003\u0004"u8))
        {
            return "application/zip";
        }

        return LooksLikeText(header) ? "text/plain" : Unknown;
    }

    private static string IsoMediaType(ReadOnlySpan<byte> brand)
    {
        var name = Encoding.ASCII.GetString(brand);
        return name switch
        {
            "M4A " or "M4B " => "audio/mp4",
            "qt  " => "video/quicktime",
            "heic" or "heix" or "mif1" or "msf1" => "image/heic",
            _ when name.StartsWith("3g", StringComparison.Ordinal) => "video/3gpp",
            _ => "video/mp4",
        };
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> header)
    {
        if (header.IsEmpty)
        {
            return false;
        }

        foreach (var b in header)
        {
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r')
            {
                return false;
            }
        }

        // A multi-byte character may be cut at the end of the header: only its start must be valid.
        var utf8 = new UTF8Encoding(false, true);
        for (var cut = 0; cut < 4 && cut < header.Length; cut++)
        {
            try
            {
                utf8.GetCharCount(header[..^cut]);
                return true;
            }
            catch (DecoderFallbackException)
            {
            }
        }

        return false;
    }
}
