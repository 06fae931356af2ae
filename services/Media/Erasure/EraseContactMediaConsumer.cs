using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Media.Downloads;
using Platform.Media.Persistence;
using Platform.Media.Storage;

namespace Platform.Media.Erasure;

/// <summary>
/// A contact was erased: deletes the files of every item that came from one of its identities or Sinch contact ids,
/// strips the rows of what leads back to the contact, moves them to <c>Erased</c> (so a redelivered inbound event
/// cannot download them again) and records the erasure (docs/media.md, "Erasure"). Deleting twice is harmless, so a
/// redelivery after a crash between the deletes and the commit ends the same way.
/// </summary>
public sealed class EraseContactMediaConsumer(
    MediaDbContext db, IMediaStorage storage, TimeProvider time, ILogger<EraseContactMediaConsumer> logger) : IConsumer<ContactErased>
{
    public async Task Consume(ConsumeContext<ContactErased> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        var keys = message.Identities.Select(IdentityKeys.For).ToList();
        var contactIds = message.SinchContactIds.ToList();
        var erased = nameof(MediaDownloadStateMachine.Erased);
        var items = await db.Downloads
            .Where(d => d.CurrentState != erased
                && ((d.SinchContactId != null && contactIds.Contains(d.SinchContactId)) || (d.IdentityKey != null && keys.Contains(d.IdentityKey))))
            .ToListAsync(context.CancellationToken);

        var now = time.GetUtcNow();
        foreach (var item in items)
        {
            await storage.DeleteAsync(StorageKeys.For(item.CorrelationId), context.CancellationToken);
            item.Erase(now);
            item.CurrentState = erased;
        }

        var record = await db.Erasures.FindAsync([message.ContactId], context.CancellationToken);
        if (record is null)
        {
            db.Erasures.Add(new MediaErasure { ContactId = message.ContactId, ErasedAt = now, ItemsErased = items.Count });
        }
        else
        {
            record.ErasedAt = now;
            record.ItemsErased += items.Count;
        }

        await db.SaveChangesAsync(context.CancellationToken);
        logger.ContactMediaErased(message.ContactId, items.Count);
    }
}

/// <summary>Event ids 4300-4399 belong to Erasure.</summary>
internal static partial class ErasureLog
{
    [LoggerMessage(4301, LogLevel.Information, "Erased {Count} media item(s) of contact {ContactId}")]
    public static partial void ContactMediaErased(this ILogger logger, Guid contactId, int count);
}

/// <summary>Registers erasure.</summary>
public static class ErasureSetup
{
    public static IBusRegistrationConfigurator AddErasure(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<EraseContactMediaConsumer>();
        return bus;
    }
}
