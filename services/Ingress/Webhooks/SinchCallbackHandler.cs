using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.Ingress.Callbacks;

namespace Platform.Ingress.Webhooks;

/// <summary>
/// One callback: find the app, read the raw body within the limit, verify signature and timestamp, parse the trigger,
/// publish with confirm, and only then answer 200 (docs/architecture.md, "One inbound message"). Keeps only the nonces
/// it answered 200 to refuse a replay (<see cref="AcceptedNonces"/>); other duplicates are recognised downstream by the
/// deterministic message id.
/// </summary>
internal sealed class SinchCallbackHandler(
    WebhookSecrets secrets,
    AcceptedNonces nonces,
    CallbackPublisher publisher,
    IngressMetrics metrics,
    TimeProvider time,
    IOptions<IngressOptions> options,
    ILogger<SinchCallbackHandler> logger)
{
    private readonly IngressOptions _options = options.Value;

    public async Task<Results<Ok, ProblemHttpResult>> HandleAsync(string appId, HttpContext http)
    {
        var request = http.Request;
        var cancellationToken = http.RequestAborted;
        if (!secrets.TryGetKey(appId, out var key))
        {
            logger.UnknownApp(appId);
            return Reject("unknown_app", StatusCodes.Status404NotFound, Problems.UnknownApp, "Unknown Sinch app",
                "No webhook is configured for this app id.");
        }

        var body = await WebhookBody.ReadAsync(request, _options.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            logger.BodyTooLarge(appId, _options.MaxBodyBytes);
            return Reject("body_too_large", StatusCodes.Status413PayloadTooLarge, Problems.BodyTooLarge, "Callback too large",
                $"The body exceeds {_options.MaxBodyBytes} bytes.");
        }

        string? nonce = request.Headers[SinchSignature.NonceHeader];
        string? timestamp = request.Headers[SinchSignature.TimestampHeader];
        var now = time.GetUtcNow();
        var signature = SinchSignature.Verify(
            body,
            key,
            request.Headers[SinchSignature.SignatureHeader],
            nonce,
            timestamp,
            request.Headers[SinchSignature.AlgorithmHeader],
            now,
            TimeSpan.FromSeconds(_options.SignatureToleranceSeconds));
        if (signature != SignatureResult.Valid)
        {
            logger.SignatureRejected(appId, signature.ToString());
            return signature == SignatureResult.StaleTimestamp
                ? Reject("stale_timestamp", StatusCodes.Status401Unauthorized, Problems.StaleTimestamp, "Stale callback",
                    $"The signature timestamp is more than {_options.SignatureToleranceSeconds} s from the current time.")
                : Reject("invalid_signature", StatusCodes.Status401Unauthorized, Problems.InvalidSignature, "Invalid signature",
                    "The callback's signature headers are missing or do not match its body.");
        }

        // Valid headers: Verify checked that both are present and the timestamp is a number.
        var signedAt = long.Parse(timestamp!, System.Globalization.CultureInfo.InvariantCulture);
        var nonceKey = AcceptedNonces.Key(appId, nonce!);
        if (nonces.WasAccepted(nonceKey, now))
        {
            logger.NonceReplayed(appId);
            return Reject("replayed_nonce", StatusCodes.Status401Unauthorized, Problems.ReplayedNonce, "Replayed callback",
                "A callback with this signature nonce was already accepted.");
        }

        ParsedCallback callback;
        try
        {
            callback = CallbackParser.Parse(appId, body, now);
        }
        catch (JsonException)
        {
            logger.MalformedJson(appId);
            return Reject("malformed_json", StatusCodes.Status400BadRequest, Problems.MalformedJson, "Malformed JSON",
                "The body is not a JSON object in valid UTF-8.");
        }
        catch (CallbackFormatException e)
        {
            // Sinch signed it and would send the same body again: acknowledge, count and log which field, so the
            // callback is visible without being retried forever (docs/sinch-wire-format.md, "Required fields").
            logger.CallbackUnusable(appId, e.Trigger, e.Message);
            metrics.Unusable(e.Trigger);
            return Acknowledge(nonceKey, signedAt, now);
        }
        catch (CallbackAppMismatchException e)
        {
            logger.AppMismatch(appId);
            return Reject("app_mismatch", StatusCodes.Status400BadRequest, Problems.AppMismatch, "App mismatch", e.Message);
        }

        if (callback.Event is null)
        {
            // Valid but of a trigger we do not use: acknowledge, or Sinch would retry it forever.
            if (callback.Trigger == Triggers.Unknown)
            {
                logger.CallbackTriggerUnknown(appId);
            }
            else
            {
                logger.CallbackNotUsed(appId, callback.Trigger);
            }

            metrics.NotUsed(callback.Trigger);
            return Acknowledge(nonceKey, signedAt, now);
        }

        try
        {
            await publisher.PublishAsync(callback, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.PublishFailed(e, appId, callback.Trigger, callback.SinchId);
            http.Response.Headers.RetryAfter = _options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Reject("broker_unavailable", StatusCodes.Status503ServiceUnavailable, Problems.BrokerUnavailable,
                "Message bus unavailable", "The callback could not be handed to the message bus; retry later.");
        }

        logger.CallbackPublished(appId, callback.Trigger, callback.SinchId, callback.MessageId);
        metrics.Accepted(callback.Trigger);
        return Acknowledge(nonceKey, signedAt, now);
    }

    private Ok Acknowledge(UInt128 nonceKey, long signedAt, DateTimeOffset now)
    {
        nonces.Record(nonceKey, signedAt, now);
        return TypedResults.Ok();
    }

    private ProblemHttpResult Reject(string reason, int status, string type, string title, string detail)
    {
        metrics.Rejected(reason);
        return TypedResults.Problem(detail: detail, statusCode: status, title: title, type: type);
    }
}
