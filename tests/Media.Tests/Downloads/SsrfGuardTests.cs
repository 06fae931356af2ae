using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using Platform.Media.Downloads;
using Platform.Media.Storage;
using Platform.Media.Tests.Support;

namespace Platform.Media.Tests.Downloads;

/// <summary>
/// The guard on real fetches. Test host names resolve, through the guard's own resolver, to forbidden addresses; the
/// connector records every socket the client asks for, so each test proves that none was opened to them. The only
/// sockets ever opened go to the test's own server on 127.0.0.1.
/// </summary>
public sealed class SsrfGuardTests : IAsyncLifetime
{
    private readonly string _root = MediaApp.NewStorageRoot();
    private readonly FakeResolver _resolver = new();
    private readonly RecordingConnector _connector = new();
    private MediaSourceServer _source = null!;

    public async Task InitializeAsync() => _source = await MediaSourceServer.StartAsync();

    private MediaFetcher Fetcher(params string[] allowedNetworks)
    {
        var options = new DownloadOptions { AllowedNetworks = [.. allowedNetworks] };
        var guard = new SsrfGuard(new AddressPolicy(options.EffectiveAllowedNetworks), _resolver, _connector);
        return new MediaFetcher(guard, new MediaIntake(new FileSystemMediaStorage(_root)), Options.Create(options));
    }

    [Theory]
    [InlineData("private.test", "10.0.0.7")]
    [InlineData("router.test", "192.168.0.1")]
    [InlineData("metadata.test", "169.254.169.254")]
    [InlineData("link-local-v6.test", "fe80::1")]
    [InlineData("unique-local.test", "fd12:3456:789a::1")]
    [InlineData("mapped.test", "::ffff:10.0.0.1")]
    [InlineData("mapped-metadata.test", "::ffff:169.254.169.254")]
    [InlineData("loopback.test", "127.0.0.1")]
    public async Task A_host_resolving_to_a_forbidden_address_is_refused_before_any_socket_is_opened(string host, string address)
    {
        _resolver.Map(host, address);
        using var fetcher = Fetcher();

        var outcome = await fetcher.FetchAsync(Guid.NewGuid(), $"http://{host}/picture.jpg", null, default);

        var failed = Assert.IsType<FetchOutcome.Failed>(outcome);
        Assert.Equal(FailureReasons.BlockedAddress, failed.Reason);
        Assert.False(failed.Transient);
        Assert.Empty(_connector.Opened);
    }

    [Fact]
    public async Task A_host_with_one_forbidden_address_among_public_ones_is_refused()
    {
        _resolver.Map("mixed.test", "93.184.216.34", "10.0.0.1");
        using var fetcher = Fetcher();

        var outcome = await fetcher.FetchAsync(Guid.NewGuid(), "http://mixed.test/a.jpg", null, default);

        Assert.Equal(FailureReasons.BlockedAddress, Assert.IsType<FetchOutcome.Failed>(outcome).Reason);
        Assert.Empty(_connector.Opened);
    }

    [Fact]
    public async Task An_address_literal_in_the_url_is_checked_like_a_name()
    {
        using var fetcher = Fetcher();

        var outcome = await fetcher.FetchAsync(Guid.NewGuid(), "http://169.254.169.254/latest/meta-data/", null, default);

        Assert.Equal(FailureReasons.BlockedAddress, Assert.IsType<FetchOutcome.Failed>(outcome).Reason);
        Assert.Empty(_connector.Opened);
    }

    [Fact]
    public async Task A_redirect_from_an_allowed_host_to_a_forbidden_one_is_refused_at_the_redirect()
    {
        _resolver.Map("cdn.test", "127.0.0.1");
        _resolver.Map("metadata.test", "169.254.169.254");
        using var fetcher = Fetcher("127.0.0.1/32");
        var redirect = new Uri(_source.RedirectTo("http://metadata.test/latest/meta-data/iam"));
        var viaName = new UriBuilder(redirect) { Host = "cdn.test" }.Uri.ToString();

        var outcome = await fetcher.FetchAsync(Guid.NewGuid(), viaName, null, default);

        Assert.Equal(FailureReasons.BlockedAddress, Assert.IsType<FetchOutcome.Failed>(outcome).Reason);
        Assert.All(_connector.Opened, endPoint => Assert.Equal(IPAddress.Loopback, endPoint.Address));
        Assert.Single(_connector.Opened);
    }

    [Fact]
    public async Task An_allow_listed_loopback_host_is_fetched()
    {
        _resolver.Map("cdn.test", "127.0.0.1");
        var url = new UriBuilder(_source.Host("ok.png", new SourceFile(Samples.Png, "image/png"))) { Host = "cdn.test" }.Uri.ToString();
        using var fetcher = Fetcher("127.0.0.1/32");

        var outcome = await fetcher.FetchAsync(Guid.NewGuid(), url, null, default);

        var stored = Assert.IsType<FetchOutcome.Stored>(outcome);
        Assert.Equal("image/png", stored.Content.ContentType);
        Assert.Equal("ok.png", stored.FileName);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://cdn.test/a.jpg")]
    [InlineData("gopher://cdn.test/")]
    [InlineData("/relative/path")]
    public async Task Urls_that_are_not_http_or_https_are_refused(string url)
    {
        using var fetcher = Fetcher();

        var outcome = await fetcher.FetchAsync(Guid.NewGuid(), url, null, default);

        Assert.Equal(FailureReasons.InvalidUrl, Assert.IsType<FetchOutcome.Failed>(outcome).Reason);
        Assert.Empty(_connector.Opened);
    }

    public async Task DisposeAsync()
    {
        await _source.DisposeAsync();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private sealed class FakeResolver : IHostResolver
    {
        private readonly ConcurrentDictionary<string, IPAddress[]> _names = new(StringComparer.OrdinalIgnoreCase);

        public void Map(string host, params string[] addresses) => _names[host] = [.. addresses.Select(IPAddress.Parse)];

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
            _names.TryGetValue(host, out var addresses)
                ? Task.FromResult(addresses)
                : throw new InvalidOperationException($"The test resolver does not know {host}: no real DNS in these tests.");
    }

    /// <summary>Records every socket asked for; opens only loopback ones (the test's own server).</summary>
    private sealed class RecordingConnector : ISocketConnector
    {
        private readonly TcpSocketConnector _real = new();

        public ConcurrentQueue<IPEndPoint> Opened { get; } = new();

        public Task<Stream> ConnectAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
        {
            Opened.Enqueue(endPoint);
            return IPAddress.IsLoopback(endPoint.Address)
                ? _real.ConnectAsync(endPoint, cancellationToken)
                : throw new InvalidOperationException($"A test tried to open a socket to {endPoint}.");
        }
    }
}
