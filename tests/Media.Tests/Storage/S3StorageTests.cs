using Platform.Media.Storage;
using Platform.Media.Tests.Support;
using Platform.Testing;

namespace Platform.Media.Tests.Storage;

/// <summary>The storage contract against a real S3-compatible server (MinIO or s3rver, see <see cref="S3Server"/>).</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class S3StorageTests(S3Server server) : StorageContract, IClassFixture<S3Server>, IDisposable
{
    private readonly S3MediaStorage _storage = new(server.Options);

    protected override IMediaStorage Storage => _storage;

    public void Dispose() => _storage.Dispose();
}
