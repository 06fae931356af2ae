using Microsoft.Extensions.Options;
using Platform.SinchEmulator.Recording;

namespace Platform.SinchEmulator.Messages;

/// <summary>Fetches a media URL the way WhatsApp does before delivering it.</summary>
internal sealed class MediaProbe(IHttpClientFactory httpClients, RequestLog requests, IOptions<DeliveryOptions> options, TimeProvider time)
{
    public const string HttpClientName = "media";

    /// <summary>Null when the URL answered 2xx, else why not.</summary>
    public async Task<string?> FailureAsync(string url, CancellationToken cancellationToken)
    {
        int? status = null;
        string? failure;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.MediaFetchTimeoutSeconds));
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName)
                .GetAsync(new Uri(url), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
            failure = response.IsSuccessStatusCode ? null : $"HTTP {status}";
        }
        catch (HttpRequestException exception)
        {
            failure = exception.Message;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            failure = "Timed out";
        }
        requests.Add(sequence => new RecordedRequest(sequence, RecordedRequest.Outgoing, time.GetUtcNow(), "GET", url, "", null, null, status, failure));
        return failure;
    }
}
