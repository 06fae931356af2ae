using Platform.SinchEmulator.Apps;
using Platform.SinchEmulator.Callbacks;
using Platform.SinchEmulator.Wire;

namespace Platform.SinchEmulator.Messages;

/// <summary>An accepted send, with the channels to try in order.</summary>
internal sealed record OutboundDelivery(
    EmulatedApp App,
    ConversationMessage Message,
    IReadOnlyList<ChannelIdentity> Channels,
    string? CorrelationId,
    string? CallbackUrl,
    DeliveryReason? ImmediateFailure);

/// <summary>Plays the delivery script for each accepted message as MESSAGE_DELIVERY callbacks.</summary>
internal sealed class DeliveryReporter(
    DeliveryScripts scripts,
    MediaProbe media,
    CallbackDispatcher callbacks,
    Envelopes envelopes,
    TimeProvider time,
    ILogger<DeliveryReporter> logger) : IDisposable
{
    private CancellationTokenSource _stopping = new();

    public void Start(OutboundDelivery delivery)
    {
        var stopping = _stopping.Token;
        _ = Task.Run(() => RunAsync(delivery, stopping), stopping);
    }

    public void Reset()
    {
        var previous = Interlocked.Exchange(ref _stopping, new CancellationTokenSource());
        previous.Cancel();
        previous.Dispose();
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task RunAsync(OutboundDelivery delivery, CancellationToken stopping)
    {
        try
        {
            if (delivery.ImmediateFailure is { } failure)
            {
                Report(delivery, "FAILED", delivery.Message.ChannelIdentity, failure);
                return;
            }
            foreach (var url in AppMessageRules.MediaUrls(delivery.Message.AppMessage))
            {
                if (await media.FailureAsync(url, stopping) is { } problem)
                {
                    logger.MediaNotReachable(delivery.Message.Id, problem);
                    Report(delivery, "FAILED", delivery.Channels[0],
                        new DeliveryReason("MEDIA_NOT_REACHABLE", $"Media could not be fetched: {problem}"));
                    return;
                }
            }
            await PlayAsync(delivery, scripts.For(delivery.Channels[0].Identity), stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task PlayAsync(OutboundDelivery delivery, DeliveryScript script, CancellationToken stopping)
    {
        var channel = 0;
        foreach (var step in script.Steps)
        {
            if (step.DelayMs > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(step.DelayMs), time, stopping);
            }
            if (step.Status != "SWITCHING_CHANNEL")
            {
                var reason = step.Status == "FAILED" ? step.Reason ?? new DeliveryReason("UNKNOWN", "Scripted failure") : step.Reason;
                Report(delivery, step.Status, delivery.Channels[channel], reason);
                continue;
            }

            Report(delivery, step.Status, delivery.Channels[channel],
                step.Reason ?? new DeliveryReason("CHANNEL_FAILURE", "Scripted channel failure"));
            if (++channel == delivery.Channels.Count)
            {
                Report(delivery, "FAILED", delivery.Channels[channel - 1], new DeliveryReason("NO_CHANNELS_LEFT", "No channels left to try"));
                return;
            }
        }
    }

    private void Report(OutboundDelivery delivery, string status, ChannelIdentity channel, DeliveryReason? reason)
    {
        var message = delivery.Message;
        var envelope = envelopes.For(delivery.App.Id) with
        {
            MessageDeliveryReport = new DeliveryReport(message.Id, message.ConversationId, status, channel, message.ContactId,
                reason, message.Metadata),
            CorrelationId = delivery.CorrelationId ?? "",
        };
        logger.DeliveryReported(message.Id, status);
        if (string.IsNullOrEmpty(delivery.CallbackUrl))
        {
            callbacks.Publish(Triggers.MessageDelivery, envelope);
        }
        else
        {
            callbacks.PublishTo(delivery.CallbackUrl, delivery.App.CallbackSecret, Triggers.MessageDelivery, envelope);
        }
    }
}
