using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Options;
using Platform.Ingress.Callbacks;

namespace Platform.Ingress.Webhooks;

/// <summary>
/// Publishes a callback's event with its deterministic message id and waits for the broker's confirm (the bus has
/// publisher confirms on), at most <see cref="IngressOptions.PublishTimeoutMs"/>: with the broker gone MassTransit
/// would otherwise keep waiting for a connection while Sinch's request times out.
/// </summary>
internal sealed class CallbackPublisher(IBus bus, IOptions<IngressOptions> options, IngressMetrics metrics)
{
    private readonly TimeSpan _timeout = TimeSpan.FromMilliseconds(options.Value.PublishTimeoutMs);

    /// <summary>Throws when the event was not confirmed in time; <see cref="OperationCanceledException"/> on timeout.</summary>
    public async Task PublishAsync(ParsedCallback callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback.Event);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        var started = Stopwatch.GetTimestamp();
        var succeeded = false;
        try
        {
            await bus.Publish(
                callback.Event,
                callback.Event.GetType(),
                Pipe.Execute<PublishContext>(context => context.MessageId = callback.MessageId),
                timeout.Token);
            succeeded = true;
        }
        finally
        {
            metrics.Published(Stopwatch.GetElapsedTime(started), succeeded);
        }
    }
}
