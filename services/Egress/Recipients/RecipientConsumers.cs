using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.DurableMessaging;
using Platform.Egress.Persistence;

namespace Platform.Egress.Recipients;

/// <summary>Keeps each identity's last inbound time, for WhatsApp's 24-hour window. Only ever moves forward.</summary>
[OnlyTransactionalEffects]
public sealed class RecordCustomerActivityConsumer(EgressDbContext db) : IConsumer<InboundMessageReceived>
{
    public async Task Consume(ConsumeContext<InboundMessageReceived> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO egress.identity_activity (app_id, channel, identity, sinch_contact_id, last_inbound_at)
            VALUES ({m.SinchAppId}, {m.Channel}, {m.Identity.Identity}, {m.SinchContactId}, {m.ReceivedAt})
            ON CONFLICT (app_id, channel, identity) DO UPDATE
              SET last_inbound_at = GREATEST(identity_activity.last_inbound_at, excluded.last_inbound_at),
                  sinch_contact_id = COALESCE(excluded.sinch_contact_id, identity_activity.sinch_contact_id)
            """, context.CancellationToken);
    }
}

/// <summary>Keeps each identity's latest consent; an older change arriving late does not overwrite a newer one.</summary>
[OnlyTransactionalEffects]
public sealed class RecordConsentConsumer(EgressDbContext db) : IConsumer<ContactConsentChanged>
{
    public async Task Consume(ConsumeContext<ContactConsentChanged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO egress.identity_consent (app_id, channel, identity, contact_id, consent, changed_at)
            VALUES ({m.SinchAppId}, {m.Identity.Channel}, {m.Identity.Identity}, {m.ContactId}, {m.Consent}, {m.ChangedAt})
            ON CONFLICT (app_id, channel, identity) DO UPDATE
              SET consent = excluded.consent, changed_at = excluded.changed_at,
                  contact_id = COALESCE(excluded.contact_id, identity_consent.contact_id)
              WHERE excluded.changed_at > identity_consent.changed_at
            """, context.CancellationToken);
    }
}
