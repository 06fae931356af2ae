using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Platform.SinchEmulator.Recording;
using Platform.SinchEmulator.Webhooks;
using Platform.SinchEmulator.Wire;

namespace Platform.SinchEmulator.Callbacks;

internal sealed record CallbackJob(string CallbackId, string WebhookId, string Target, string Secret, string Trigger, byte[] Body);

/// <summary>
/// Posts callbacks. Each target has its own lane so a slow receiver delays only itself; first attempts
/// leave a lane in publish order, while retries run on their own timers and so arrive late and out of
/// order, as they do from Sinch (docs/sinch-wire-format.md §14).
/// </summary>
internal sealed class CallbackDispatcher(
    WebhookStore webhooks,
    CallbackLog log,
    CallbackModeSetting mode,
    IHttpClientFactory httpClients,
    IOptions<CallbackOptions> options,
    TimeProvider time,
    ILogger<CallbackDispatcher> logger) : IDisposable
{
    public const string HttpClientName = "callbacks";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, ChannelWriter<CallbackJob>> _lanes = new(StringComparer.Ordinal);
    private CancellationTokenSource _stopping = new();

    /// <summary>Posts to every webhook of the app subscribed to the trigger; returns how many.</summary>
    public int Publish(string trigger, CallbackEnvelope envelope)
    {
        var subscribed = webhooks.Subscribed(envelope.AppId, trigger);
        if (subscribed.Count == 0)
        {
            return 0;
        }
        var body = JsonSerializer.SerializeToUtf8Bytes(envelope, SinchJson.Options);
        var callbackId = SinchIds.New();
        foreach (var webhook in subscribed)
        {
            Enqueue(new CallbackJob(callbackId, webhook.Id, webhook.Target, webhook.Secret, trigger, body));
        }
        return subscribed.Count;
    }

    /// <summary>For a send's callback_url, which replaces the webhooks for that message's reports.</summary>
    public void PublishTo(string target, string secret, string trigger, CallbackEnvelope envelope)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(envelope, SinchJson.Options);
        Enqueue(new CallbackJob(SinchIds.New(), "", target, secret, trigger, body));
    }

    /// <summary>Drops queued callbacks and pending retries.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _stopping.Cancel();
            _stopping.Dispose();
            _stopping = new CancellationTokenSource();
            foreach (var lane in _lanes.Values)
            {
                lane.TryComplete();
            }
            _lanes.Clear();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }

    private void Enqueue(CallbackJob job)
    {
        lock (_gate)
        {
            var laneKey = job.WebhookId.Length > 0 ? job.WebhookId : "url:" + job.Target;
            if (!_lanes.TryGetValue(laneKey, out var lane))
            {
                var channel = Channel.CreateUnbounded<CallbackJob>(new UnboundedChannelOptions { SingleReader = true });
                var stopping = _stopping.Token;
                _ = Task.Run(() => RunLaneAsync(channel.Reader, stopping), stopping);
                _lanes[laneKey] = lane = channel.Writer;
            }
            lane.TryWrite(job);
        }
    }

    private async Task RunLaneAsync(ChannelReader<CallbackJob> reader, CancellationToken stopping)
    {
        try
        {
            while (await reader.WaitToReadAsync(stopping))
            {
                var current = mode.Current;
                var batch = await NextBatchAsync(reader, current, stopping);
                foreach (var job in batch)
                {
                    for (var copy = 0; copy <= current.Duplicates; copy++)
                    {
                        await AttemptAsync(job, copy, attempt: 1, stopping);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private static async Task<List<CallbackJob>> NextBatchAsync(ChannelReader<CallbackJob> reader, CallbackMode current, CancellationToken stopping)
    {
        var batch = new List<CallbackJob>();
        if (!current.Reorders)
        {
            if (reader.TryRead(out var job))
            {
                batch.Add(job);
            }
            return batch;
        }

        using var hold = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        hold.CancelAfter(current.ReorderHoldMs);
        try
        {
            while (batch.Count < current.ReorderWindow)
            {
                if (reader.TryRead(out var job))
                {
                    batch.Add(job);
                }
                else if (!await reader.WaitToReadAsync(hold.Token))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
        }
        batch.Reverse();
        return batch;
    }

    private async Task AttemptAsync(CallbackJob job, int copy, int attempt, CancellationToken stopping)
    {
        var settings = options.Value;
        var (statusCode, error) = await PostAsync(job, stopping);
        var succeeded = statusCode is >= 200 and < 300;
        var retryable = !succeeded && (statusCode is null or 429 or >= 500);
        var retry = retryable && attempt < settings.MaxAttempts;
        var outcome = succeeded ? CallbackAttempt.Delivered : retry ? CallbackAttempt.RetryScheduled : CallbackAttempt.GaveUp;

        log.Add(sequence => new CallbackAttempt(sequence, job.CallbackId, job.WebhookId, job.Target, job.Trigger, copy, attempt,
            time.GetUtcNow(), statusCode, error, outcome, Encoding.UTF8.GetString(job.Body)));

        if (succeeded)
        {
            logger.CallbackDelivered(job.Trigger, job.WebhookId, attempt);
        }
        else if (retry)
        {
            logger.CallbackRetryScheduled(job.Trigger, job.WebhookId, attempt, statusCode, error);
            _ = RetryLaterAsync(job, copy, attempt + 1, stopping);
        }
        else
        {
            logger.CallbackAbandoned(job.Trigger, job.WebhookId, attempt, statusCode, error);
        }
    }

    private async Task RetryLaterAsync(CallbackJob job, int copy, int attempt, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(options.Value.BackoffBefore(attempt), time, stopping);
            await AttemptAsync(job, copy, attempt, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task<(int? StatusCode, string? Error)> PostAsync(CallbackJob job, CancellationToken stopping)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, job.Target) { Content = new ByteArrayContent(job.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (job.Secret.Length > 0)
        {
            // Signed afresh per attempt: a retry hours later must still pass the receiver's timestamp window.
            var nonce = SinchIds.New();
            var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            request.Headers.Add(WebhookSigner.NonceHeader, nonce);
            request.Headers.Add(WebhookSigner.TimestampHeader, timestamp);
            request.Headers.Add(WebhookSigner.AlgorithmHeader, WebhookSigner.Algorithm);
            request.Headers.Add(WebhookSigner.SignatureHeader, WebhookSigner.Sign(job.Body, job.Secret, nonce, timestamp));
        }

        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, stopping);
            return ((int)response.StatusCode, null);
        }
        catch (HttpRequestException exception)
        {
            return (null, exception.Message);
        }
        catch (TaskCanceledException) when (!stopping.IsCancellationRequested)
        {
            return (null, "Timed out");
        }
    }
}
