using System.Security.Cryptography;
using Platform.Media.Storage;

namespace Platform.Media.Tests.Storage;

/// <summary>
/// What every <see cref="IMediaStorage"/> must do; each store runs these same tests against a real backend
/// (<see cref="FileSystemStorageTests"/>, <see cref="S3StorageTests"/>).
/// </summary>
public abstract class StorageContract
{
    protected abstract IMediaStorage Storage { get; }

    private static string NewKey() => Guid.NewGuid().ToString("N");

    private static byte[] Bytes(int length)
    {
        var content = new byte[length];
        RandomNumberGenerator.Fill(content);
        return content;
    }

    private async Task<byte[]?> ReadAsync(string key, long offset = 0, long? length = null)
    {
        await using var stream = await Storage.OpenReadAsync(key, offset, length, default);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task Written_content_reads_back_the_same_and_reports_its_length()
    {
        var key = NewKey();
        var content = Bytes(100_000);

        var written = await Storage.WriteAsync(key, new MemoryStream(content), default);

        Assert.Equal(content.Length, written);
        Assert.Equal(content.Length, await Storage.GetLengthAsync(key, default));
        Assert.Equal(content, await ReadAsync(key));
    }

    [Fact]
    public async Task Content_larger_than_one_part_is_streamed_in_parts_and_reads_back_whole()
    {
        var key = NewKey();
        var content = Bytes((12 * 1024 * 1024) + 123);

        var written = await Storage.WriteAsync(key, new NonSeekable(new MemoryStream(content)), default);

        Assert.Equal(content.Length, written);
        Assert.Equal(SHA256.HashData(content), SHA256.HashData((await ReadAsync(key))!));
    }

    [Fact]
    public async Task A_range_reads_only_its_bytes()
    {
        var key = NewKey();
        var content = Bytes(10_000);
        await Storage.WriteAsync(key, new MemoryStream(content), default);

        Assert.Equal(content[100..200], await ReadAsync(key, 100, 100));
        Assert.Equal(content[9_990..], await ReadAsync(key, 9_990));
    }

    [Fact]
    public async Task A_missing_key_reads_as_null()
    {
        Assert.Null(await ReadAsync(NewKey()));
        Assert.Null(await Storage.GetLengthAsync(NewKey(), default));
    }

    [Fact]
    public async Task Writing_again_replaces_the_content()
    {
        var key = NewKey();
        await Storage.WriteAsync(key, new MemoryStream(Bytes(5_000)), default);
        var second = Bytes(3_000);

        await Storage.WriteAsync(key, new MemoryStream(second), default);

        Assert.Equal(second, await ReadAsync(key));
    }

    [Fact]
    public async Task Deleted_content_is_gone_and_deleting_again_is_harmless()
    {
        var key = NewKey();
        await Storage.WriteAsync(key, new MemoryStream(Bytes(1_000)), default);

        Assert.True(await Storage.DeleteAsync(key, default));
        Assert.False(await Storage.DeleteAsync(key, default));
        Assert.Null(await ReadAsync(key));
    }

    [Fact]
    public async Task A_write_whose_source_fails_stores_nothing()
    {
        var key = NewKey();

        await Assert.ThrowsAsync<IOException>(() => Storage.WriteAsync(key, new FailingAfter(Bytes(7 * 1024 * 1024)), default));

        Assert.Null(await Storage.GetLengthAsync(key, default));
    }

    /// <summary>A network stream stand-in: no length, no seeking.</summary>
    private sealed class NonSeekable(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 65_536));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Serves its content, then fails as a dropped connection would.</summary>
    private sealed class FailingAfter(byte[] content) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= content.Length)
            {
                throw new IOException("connection reset");
            }

            var take = Math.Min(count, content.Length - _position);
            content.AsSpan(_position, take).CopyTo(buffer.AsSpan(offset));
            _position += take;
            return take;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
