using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.Ingress.Callbacks;

namespace Platform.Ingress.Webhooks;

/// <summary>
/// One callback: find the app, read the raw body within the limit, verify signature and timestamp, parse the trigger,
/// publish with confirm, and only then answer 200 (architecture.md, "Flow of one inbound message"). Keeps nothing:
/// duplicates are recognised downstream by the deterministic message id.
/// </summary>
internal sealed class SinchCallbackHandler(
    WebhookSecrets secrets,
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

        var signature = SinchSignature.Verify(
            body,
            key,
            request.Headers[SinchSignature.SignatureHeader],
            request.Headers[SinchSignature.NonceHeader],
            request.Headers[SinchSignature.TimestampHeader],
            request.Headers[SinchSignature.AlgorithmHeader],
            time.GetUtcNow(),
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

        ParsedCallback callback;
        try
        {
            callback = CallbackParser.Parse(appId, body, time.GetUtcNow());
        }
        catch (JsonException)
        {
            logger.MalformedJson(appId);
            return Reject("malformed_json", StatusCodes.Status400BadRequest, Problems.MalformedJson, "Malformed JSON",
                "The body is not well-formed JSON.");
        }
        catch (CallbackFormatException e)
        {
            logger.InvalidCallback(appId, e.Message);
            return Reject("invalid_callback", StatusCodes.Status400BadRequest, Problems.InvalidCallback, "Invalid callback", e.Message);
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
            return TypedResults.Ok();
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
        return TypedResults.Ok();
    }

    private ProblemHttpResult Reject(string reason, int status, string type, string title, string detail)
    {
        metrics.Rejected(reason);
        return TypedResults.Problem(detail: detail, statusCode: status, title: title, type: type);
    }
}
