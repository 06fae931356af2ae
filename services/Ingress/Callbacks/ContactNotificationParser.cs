using System.Text.Json;
using Platform.Contracts;

namespace Platform.Ingress.Callbacks;

/// <summary>Contact triggers (docs/sinch-wire-format.md, "Other triggers"): create, update, delete, merge, identity duplication.</summary>
internal static class ContactNotificationParser
{
    public static ParsedEvent? ParseCreate(JsonView notification, Envelope envelope) =>
        Changed(notification, envelope, Triggers.ContactCreate, ContactChanges.Created);

    public static ParsedEvent? ParseDelete(JsonView notification, Envelope envelope) =>
        Changed(notification, envelope, Triggers.ContactDelete, ContactChanges.Deleted);

    public static ParsedEvent? ParseUpdate(JsonView notification, Envelope envelope) =>
        Changed(notification, envelope, Triggers.ContactUpdate, ContactChanges.Updated);

    public static ParsedEvent? ParseMerge(JsonView notification, Envelope envelope)
    {
        var preserved = Read(notification.RequiredObject("preserved_contact"));
        var deleted = Read(notification.RequiredObject("deleted_contact"));
        var changed = new SinchContactChanged
        {
            SinchAppId = envelope.AppId,
            SinchProjectId = envelope.ProjectId,
            Change = ContactChanges.Merged,
            Contact = preserved,
            MergedContact = deleted,
            OccurredAt = envelope.AcceptedAt,
        };
        return new ParsedEvent(changed, envelope.MessageId(Triggers.ContactMerge, preserved.Id, deleted.Id), preserved.Id);
    }

    public static ParsedEvent? ParseDuplication(JsonView notification, Envelope envelope)
    {
        var duplicated = new ContactIdentitiesDuplicated
        {
            SinchAppId = envelope.AppId,
            SinchProjectId = envelope.ProjectId,
            Duplicates = notification.Objects("duplicated_identities").Select(d => new DuplicatedIdentity
            {
                Channel = d.String("channel"),
                SinchContactIds = d.Strings("contact_ids"),
            }).ToList(),
            OccurredAt = envelope.AcceptedAt,
        };

        // No Sinch id names this notification: the report's content and time identify it.
        var content = JsonSerializer.Serialize(duplicated.Duplicates.Select(d => new { d.Channel, d.SinchContactIds }));
        return new ParsedEvent(duplicated, envelope.MessageId(Triggers.ContactIdentitiesDuplication, content, envelope.AcceptedTimeText), null);
    }

    private static ParsedEvent Changed(JsonView notification, Envelope envelope, string trigger, string change)
    {
        var contact = Read(notification.RequiredObject("contact"));
        var changed = new SinchContactChanged
        {
            SinchAppId = envelope.AppId,
            SinchProjectId = envelope.ProjectId,
            Change = change,
            Contact = contact,
            OccurredAt = envelope.AcceptedAt,
        };

        // A contact is created and deleted once, but updated many times: an update is told apart by Sinch's
        // accepted_time, which a redelivery repeats unchanged.
        var messageId = trigger == Triggers.ContactUpdate
            ? envelope.MessageId(trigger, contact.Id, envelope.AcceptedTimeText)
            : envelope.MessageId(trigger, contact.Id);
        return new ParsedEvent(changed, messageId, contact.Id);
    }

    private static SinchContact Read(JsonView contact) => new()
    {
        Id = contact.RequiredString("id"),
        // An entry without channel or identity names nobody; the contact is still usable without it.
        ChannelIdentities = contact.Objects("channel_identities").Select(i => Identities.Optional(i)).OfType<ChannelIdentity>().ToList(),
        ChannelPriority = contact.Strings("channel_priority"),
        DisplayName = contact.String("display_name"),
        Email = contact.String("email"),
        ExternalId = contact.String("external_id"),
        Language = contact.String("language"),
        Metadata = contact.Raw("metadata"),
    };
}
