namespace Platform.Media.Storage;

/// <summary>What was stored: size, the type sniffed from the content, and its SHA-256 (lowercase hex).</summary>
public sealed record StoredContent(long Length, string ContentType, string Sha256);

/// <summary>
/// Takes content into storage the same way for downloads and uploads: sniffs the type from the first bytes and refuses
/// a type off the allow-list before anything is written, then streams the rest through a size limit and a hash.
/// </summary>
public sealed class MediaIntake(IMediaStorage storage)
{
    public async Task<StoredContent> StoreAsync(
        string key,
        Stream content,
        long maxBytes,
        IReadOnlySet<string> allowedTypes,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(allowedTypes);
        var header = new byte[ContentSniffer.HeaderLength];
        var filled = 0;
        while (filled < header.Length)
        {
            var read = await content.ReadAsync(header.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        if (filled > maxBytes)
        {
            throw new MediaTooLargeException(maxBytes);
        }

        var contentType = ContentSniffer.Sniff(header.AsSpan(0, filled));
        if (!allowedTypes.Contains(contentType))
        {
            throw UnsupportedMediaTypeException.For(contentType);
        }

        using var whole = new PrefixedStream(header.AsMemory(0, filled), content);
        using var inspected = new InspectingStream(whole, maxBytes);
        var written = await storage.WriteAsync(key, inspected, cancellationToken).ConfigureAwait(false);
        if (written != inspected.BytesRead)
        {
            throw new InvalidOperationException($"Storage wrote {written} bytes of {inspected.BytesRead}.");
        }

        return new StoredContent(written, contentType, inspected.Sha256Hex());
    }
}
