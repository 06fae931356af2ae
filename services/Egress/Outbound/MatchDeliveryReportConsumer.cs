using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.DurableMessaging;
using Platform.Egress.Persistence;

namespace Platform.Egress.Outbound;

/// <summary>
/// Finds the outbound message a delivery report is about: by our id in <c>message_metadata</c> (works even before the
/// send returned), else by Sinch's message id. A report that matches nothing while a send of its app is in flight is
/// retried (its send may not be committed yet); otherwise it is not ours and is dropped.
/// </summary>
[OnlyTransactionalEffects]
public sealed class MatchDeliveryReportConsumer(EgressDbContext db, ILogger<MatchDeliveryReportConsumer> logger) : IConsumer<DeliveryReportReceived>
{
    public async Task Consume(ConsumeContext<DeliveryReportReceived> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var report = context.Message;
        var messages = db.Set<OutboundMessageState>().AsNoTracking();
        Guid? id = null;
        if (Guid.TryParseExact(report.MessageMetadata, "N", out var marked) && await messages.AnyAsync(m => m.CorrelationId == marked, context.CancellationToken))
        {
            id = marked;
        }

        id ??= await messages.Where(m => m.SinchMessageId == report.SinchMessageId).Select(m => (Guid?)m.CorrelationId)
            .FirstOrDefaultAsync(context.CancellationToken);
        if (id is { } found)
        {
            await context.Publish(new OutboundDeliveryReported { OutboundMessageId = found, Report = report });
            return;
        }

        var sending = await db.Set<SendAttempt>().AsNoTracking().AnyAsync(a => a.AppId == report.SinchAppId && a.InFlight, context.CancellationToken);
        if (sending)
        {
            throw new InvalidOperationException($"Delivery report of {report.SinchMessageId} matches no message yet while a send is in flight; retrying.");
        }

        logger.ReportNotOurs(report.SinchAppId, report.SinchMessageId);
    }
}
