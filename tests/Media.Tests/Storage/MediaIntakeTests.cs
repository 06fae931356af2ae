using Platform.Media.Storage;
using Platform.Media.Tests.Support;

namespace Platform.Media.Tests.Storage;

public sealed class MediaIntakeTests : IDisposable
{
    private static readonly IReadOnlySet<string> Allowed = MediaTypes.AllowedOrDefault(null);
    private readonly string _root = MediaApp.NewStorageRoot();

    [Fact]
    public async Task Stored_content_reports_its_length_sniffed_type_and_hash()
    {
        var storage = new FileSystemMediaStorage(_root);
        var pdf = Samples.Pdf(200_000);

        var stored = await new MediaIntake(storage).StoreAsync("a1b2c3d4", new MemoryStream(pdf), 1_000_000, Allowed, default);

        Assert.Equal(new StoredContent(pdf.Length, "application/pdf", Samples.Sha256(pdf)), stored);
        Assert.Equal(pdf.Length, await storage.GetLengthAsync("a1b2c3d4", default));
    }

    [Fact]
    public async Task Content_over_the_limit_is_refused_while_streaming_and_nothing_is_stored()
    {
        var storage = new FileSystemMediaStorage(_root);
        using var endless = new EndlessJpeg();

        await Assert.ThrowsAsync<MediaTooLargeException>(() => new MediaIntake(storage).StoreAsync("a1b2c3d4", endless, 100_000, Allowed, default));

        // Read stops within one copy buffer (1 MB) of the limit: the endless source is never drained.
        Assert.InRange(endless.BytesServed, 100_000, 100_000 + (2 * 1024 * 1024));
        Assert.Null(await storage.GetLengthAsync("a1b2c3d4", default));
        Assert.Empty(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_type_off_the_allow_list_is_refused_before_anything_is_written()
    {
        var storage = new FileSystemMediaStorage(_root);

        var refused = await Assert.ThrowsAsync<UnsupportedMediaTypeException>(
            () => new MediaIntake(storage).StoreAsync("a1b2c3d4", new MemoryStream(Samples.Executable()), 1_000_000, Allowed, default));

        Assert.Equal("application/octet-stream", refused.ContentType);
        Assert.Empty(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    /// <summary>A JPEG that never ends: only a limit enforced while reading can stop it.</summary>
    private sealed class EndlessJpeg : Stream
    {
        private static readonly byte[] Header = [0xFF, 0xD8, 0xFF, 0xE0];

        public long BytesServed { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++)
            {
                buffer[offset + i] = BytesServed + i < Header.Length ? Header[(int)(BytesServed + i)] : (byte)i;
            }

            BytesServed += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
