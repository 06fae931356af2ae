namespace Platform.Media.Storage;

/// <summary>
/// Where media content lives: the file system by default, an S3-compatible object store for several replicas
/// (docs/media.md, "Storage"). Content is streamed in both directions, never held whole in memory. A write is
/// atomic: readers see the old content or the complete new one, never a part.
/// </summary>
public interface IMediaStorage
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>, replacing what was there; returns the bytes written.</summary>
    /// <remarks>When reading <paramref name="content"/> throws, nothing is stored and the exception propagates.</remarks>
    Task<long> WriteAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>
    /// Opens the content from <paramref name="offset"/>, <paramref name="length"/> bytes or up to the end when null;
    /// null when nothing is stored under the key.
    /// </summary>
    Task<Stream?> OpenReadAsync(string key, long offset, long? length, CancellationToken cancellationToken);

    /// <summary>The stored size in bytes, or null when nothing is stored under the key.</summary>
    Task<long?> GetLengthAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes the content; false when there was none. Deleting twice is harmless.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken);
}
