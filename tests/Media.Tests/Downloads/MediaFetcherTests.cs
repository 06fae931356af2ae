using Microsoft.Extensions.Options;
using Platform.Media.Downloads;
using Platform.Media.Storage;
using Platform.Media.Tests.Support;

namespace Platform.Media.Tests.Downloads;

/// <summary>One attempt against a local source: which answers are retried, and the limits applied while streaming.</summary>
public sealed class MediaFetcherTests : IAsyncLifetime
{
    private readonly string _root = MediaApp.NewStorageRoot();
    private MediaSourceServer _source = null!;
    private MediaFetcher _fetcher = null!;

    public async Task InitializeAsync()
    {
        _source = await MediaSourceServer.StartAsync();
        var options = new DownloadOptions { AllowedNetworks = ["127.0.0.1/32"], MaxBytes = 50_000 };
        var guard = new SsrfGuard(new AddressPolicy(options.EffectiveAllowedNetworks), new DnsHostResolver(), new TcpSocketConnector());
        _fetcher = new MediaFetcher(guard, new MediaIntake(new FileSystemMediaStorage(_root)), Options.Create(options));
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(429, true)]
    [InlineData(408, true)]
    [InlineData(404, false)]
    [InlineData(403, false)]
    public async Task Server_errors_are_retried_and_client_errors_are_not(int status, bool transient)
    {
        var url = _source.Host($"s{status}", new SourceFile(Samples.Png) { FailuresFirst = 1, FailureStatus = status });

        var failed = Assert.IsType<FetchOutcome.Failed>(await _fetcher.FetchAsync(Guid.NewGuid(), url, null, default));

        Assert.Equal(transient, failed.Transient);
        Assert.Equal(transient ? FailureReasons.Unreachable : FailureReasons.SourceRefused, failed.Reason);
    }

    [Fact]
    public async Task A_body_without_length_is_cut_off_at_the_limit()
    {
        var url = _source.Host("big", new SourceFile(Samples.Jpeg(400_000), "image/jpeg") { Chunked = true });

        var failed = Assert.IsType<FetchOutcome.Failed>(await _fetcher.FetchAsync(Guid.NewGuid(), url, null, default));

        Assert.Equal(FailureReasons.TooLarge, failed.Reason);
        Assert.Empty(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_refused_before_reading()
    {
        var url = _source.Host("declared", new SourceFile(Samples.Jpeg(400_000), "image/jpeg"));

        var failed = Assert.IsType<FetchOutcome.Failed>(await _fetcher.FetchAsync(Guid.NewGuid(), url, null, default));

        Assert.Equal(FailureReasons.TooLarge, failed.Reason);
    }

    [Fact]
    public async Task A_file_that_claims_to_be_a_picture_but_is_not_is_refused()
    {
        var url = _source.Host("fake.jpg", new SourceFile(Samples.Executable(), "image/jpeg"));

        var failed = Assert.IsType<FetchOutcome.Failed>(await _fetcher.FetchAsync(Guid.NewGuid(), url, null, default));

        Assert.Equal(FailureReasons.UnsupportedType, failed.Reason);
    }

    public async Task DisposeAsync()
    {
        _fetcher.Dispose();
        await _source.DisposeAsync();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
