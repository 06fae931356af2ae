using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contact.Contacts;
using Platform.Contracts;
using Platform.DurableMessaging;

namespace Platform.Contact.Consents;

/// <summary>
/// Records Sinch's OPT_IN / OPT_OUT results per identity and app and publishes <see cref="ContactConsentChanged"/>,
/// which egress keeps to refuse sends to an opted-out identity. A later change wins whatever order the callbacks
/// arrive in; failed opt-ins/outs change nothing (docs/contact.md, "Consents").
/// </summary>
[OnlyTransactionalEffects]
public sealed class RecordConsentConsumer(ContactStore store, TimeProvider clock, ILogger<RecordConsentConsumer> logger)
    : IConsumer<ConsentChangeReported>
{
    public const string SinchSource = "sinch";

    public async Task Consume(ConsumeContext<ConsentChangeReported> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var report = context.Message;
        if (report.Change is not (ConsentStates.OptIn or ConsentStates.OptOut)
            || !(report.Status.EndsWith("_SUCCEEDED", StringComparison.Ordinal) || report.Status == "STATUS_UNSPECIFIED"))
        {
            logger.ConsentReportNotApplied(report.SinchAppId, report.Change, report.Status);
            return;
        }

        var identities = await IdentitiesOfAsync(report, context.CancellationToken);
        if (identities.Count == 0)
        {
            logger.ConsentWithoutIdentity(report.SinchAppId, report.SinchContactId);
            return;
        }

        foreach (var identity in identities)
        {
            await RecordAsync(context, report, identity);
        }
    }

    private async Task RecordAsync(ConsumeContext context, ConsentChangeReported report, ChannelIdentity identity)
    {
        var cancellationToken = context.CancellationToken;
        var appId = identity.AppId ?? "";
        var owner = await store.FindIdentityAsync(report.SinchAppId, identity, cancellationToken);
        var consent = await store.Db.Consents.FirstOrDefaultAsync(
            c => c.SinchAppId == report.SinchAppId && c.Channel == identity.Channel && c.Identity == identity.Identity && c.IdentityAppId == appId,
            cancellationToken);
        if (consent is not null && consent.ChangedAt >= report.OccurredAt)
        {
            logger.ConsentOutdated(consent.Id);
            return;
        }

        var changed = consent is null || consent.State != report.Change;
        if (consent is null)
        {
            consent = new ConsentRecord
            {
                Id = NewId.NextGuid(),
                SinchAppId = report.SinchAppId,
                Channel = identity.Channel,
                Identity = identity.Identity,
                IdentityAppId = appId,
            };
            store.Db.Consents.Add(consent);
        }

        consent.ContactId = owner?.ContactId ?? consent.ContactId;
        consent.State = report.Change;
        consent.Source = SinchSource;
        consent.ChangedAt = report.OccurredAt;
        consent.RecordedAt = clock.GetUtcNow();
        if (!changed)
        {
            return;
        }

        await context.Publish(new ContactConsentChanged
        {
            ContactId = consent.ContactId,
            SinchAppId = report.SinchAppId,
            Identity = new ChannelIdentity { Channel = identity.Channel, Identity = identity.Identity, AppId = string.IsNullOrEmpty(appId) ? null : appId },
            Consent = consent.State,
            Source = consent.Source,
            ChangedAt = consent.ChangedAt,
        }, cancellationToken);
        logger.ConsentRecorded(consent.Id, consent.ContactId, consent.State);
    }

    /// <summary>The identity the report names; else the identities on that app (and channel) of the Sinch contact it names.</summary>
    private async Task<List<ChannelIdentity>> IdentitiesOfAsync(ConsentChangeReported report, CancellationToken cancellationToken)
    {
        if (report.Identity is { } identity && !string.IsNullOrEmpty(identity.Identity) && !string.IsNullOrEmpty(identity.Channel))
        {
            return [identity];
        }

        if (string.IsNullOrEmpty(report.SinchContactId))
        {
            return [];
        }

        var query = store.Db.Identities.Where(i =>
            i.SinchAppId == report.SinchAppId
            && store.Db.Contacts.Any(c => c.Id == i.ContactId && c.SinchContactId == report.SinchContactId));
        if (!string.IsNullOrEmpty(report.Channel))
        {
            query = query.Where(i => i.Channel == report.Channel);
        }

        var rows = await query.OrderBy(i => i.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(i => new ChannelIdentity
        {
            Channel = i.Channel,
            Identity = i.Identity,
            AppId = string.IsNullOrEmpty(i.IdentityAppId) ? null : i.IdentityAppId,
        })];
    }
}
