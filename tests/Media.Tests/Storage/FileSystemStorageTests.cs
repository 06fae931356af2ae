using Platform.Media.Storage;
using Platform.Media.Tests.Support;

namespace Platform.Media.Tests.Storage;

public sealed class FileSystemStorageTests : StorageContract, IDisposable
{
    private readonly string _root = MediaApp.NewStorageRoot();

    public FileSystemStorageTests() => Storage = new FileSystemMediaStorage(_root);

    protected override IMediaStorage Storage { get; }

    [Fact]
    public async Task A_failed_write_leaves_no_partial_file_behind()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => Storage.WriteAsync("deadbeef", new ThrowingStream(), default));

        Assert.Empty(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private sealed class ThrowingStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("gone");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => throw new IOException("gone");
    }
}
