using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Platform.Media.Storage;

namespace Platform.Media.Downloads;

/// <summary>How one attempt ended.</summary>
public abstract record FetchOutcome
{
    public sealed record Stored(StoredContent Content, string? FileName) : FetchOutcome;

    /// <summary>A failure; <paramref name="Transient"/> when another attempt may succeed (5xx, network, timeout).</summary>
    public sealed record Failed(string Reason, string Detail, bool Transient) : FetchOutcome;
}

/// <summary>
/// One download attempt from a channel URL into storage, through a client whose every connection passes the
/// <see cref="SsrfGuard"/>. Its own <see cref="HttpClient"/>, not the factory's: the shared resilience pipeline
/// would retry inside the attempt and cut long bodies, and the saga retries through the durable scheduler instead.
/// </summary>
public sealed class MediaFetcher : IDisposable
{
    private readonly HttpClient _client;
    private readonly MediaIntake _intake;
    private readonly DownloadOptions _options;

    public MediaFetcher(SsrfGuard guard, MediaIntake intake, IOptions<DownloadOptions> options)
    {
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(options);
        _intake = intake;
        _options = options.Value;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = (context, token) => guard.ConnectAsync(context.DnsEndPoint, token),
            ConnectTimeout = TimeSpan.FromSeconds(_options.ConnectTimeoutSeconds),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = _options.MaxRedirects > 0,
            MaxAutomaticRedirections = Math.Max(1, _options.MaxRedirects),
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("platform-media", "1.0"));
    }

    public async Task<FetchOutcome> FetchAsync(Guid mediaId, string sourceUrl, string? fileName, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(sourceUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return new FetchOutcome.Failed(FailureReasons.InvalidUrl, "Only absolute http and https URLs are fetched.", false);
        }

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(TimeSpan.FromSeconds(_options.AttemptTimeoutSeconds));
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await SendAsync(request, attempt.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is >= 500 or 408 or 429)
            {
                return new FetchOutcome.Failed(FailureReasons.Unreachable, $"The source answered {status}.", true);
            }

            if (status is < 200 or >= 300)
            {
                return new FetchOutcome.Failed(FailureReasons.SourceRefused, $"The source answered {status}.", false);
            }

            if (response.Content.Headers.ContentLength > _options.MaxBytes)
            {
                return TooLarge();
            }

            var body = await response.Content.ReadAsStreamAsync(attempt.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                var stored = await _intake.StoreAsync(
                    StorageKeys.For(mediaId), body, _options.MaxBytes, _options.EffectiveAllowedContentTypes, attempt.Token).ConfigureAwait(false);
                return new FetchOutcome.Stored(stored, FileNames.Clean(fileName ?? response.Content.Headers.ContentDisposition?.FileNameStar
                    ?? response.Content.Headers.ContentDisposition?.FileName ?? LastSegment(response.RequestMessage?.RequestUri ?? url)));
            }
        }
        catch (MediaTooLargeException)
        {
            return TooLarge();
        }
        catch (UnsupportedMediaTypeException e)
        {
            return new FetchOutcome.Failed(FailureReasons.UnsupportedType, $"The content is {e.ContentType}, which is not allowed.", false);
        }
        catch (Exception e) when (Find<BlockedAddressException>(e) is { } blocked)
        {
            return new FetchOutcome.Failed(FailureReasons.BlockedAddress, blocked.Message, false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new FetchOutcome.Failed(FailureReasons.Unreachable, "The source did not answer in time.", true);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return new FetchOutcome.Failed(FailureReasons.Unreachable, $"Network error: {(e as HttpRequestException)?.HttpRequestError.ToString() ?? "IO"}.", true);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var headers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        headers.CancelAfter(TimeSpan.FromSeconds(_options.ResponseTimeoutSeconds));
        return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, headers.Token).ConfigureAwait(false);
    }

    private FetchOutcome.Failed TooLarge() =>
        new(FailureReasons.TooLarge, $"The file is larger than {_options.MaxBytes} bytes.", false);

    private static string? LastSegment(Uri url) =>
        url.Segments.Length > 1 ? Uri.UnescapeDataString(url.Segments[^1].TrimEnd('/')) : null;

    private static T? Find<T>(Exception? e)
        where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    public void Dispose() => _client.Dispose();
}
