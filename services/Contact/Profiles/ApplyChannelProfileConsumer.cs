using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contact.Contacts;
using Platform.Contracts;
using Platform.DurableMessaging;

namespace Platform.Contact.Profiles;

/// <summary>
/// Takes egress's answer to <see cref="FetchChannelProfile"/>: the profile name replaces an identity-as-name or a
/// Sinch contact name, never a name set through the API (docs/contact.md, "Display name"). The answer finds its
/// identity by request id, so it lands on the surviving contact even after a merge, and nowhere after an erasure.
/// </summary>
[OnlyTransactionalEffects]
public sealed class ApplyChannelProfileConsumer(ContactStore store, TimeProvider clock, ILogger<ApplyChannelProfileConsumer> logger)
    : IConsumer<ChannelProfileFetched>, IConsumer<ChannelProfileFetchFailed>
{
    private const int MaxOutcomeLength = 64;

    public async Task Consume(ConsumeContext<ChannelProfileFetched> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var answer = context.Message;
        var (contact, identity) = await FindAsync(answer.RequestId, context.CancellationToken);
        if (contact is null || identity is null)
        {
            logger.ProfileAnswerUnmatched(answer.RequestId);
            return;
        }

        identity.ProfileOutcome = DisplayNames.Normalize(answer.ProfileName) is null ? "no-name" : "fetched";
        if (!DisplayNames.TrySet(contact, answer.ProfileName, DisplayNameSources.ChannelProfile))
        {
            logger.ProfileNameNotUsed(contact.Id, answer.RequestId);
            return;
        }

        var now = clock.GetUtcNow();
        contact.UpdatedAt = now;
        await context.Publish(new ContactUpdated
        {
            ContactId = contact.Id,
            DisplayName = contact.DisplayName!,
            DisplayNameSource = contact.DisplayNameSource,
            AttachedData = contact.AttachedDataMap(),
            UpdatedAt = now,
        });
        logger.ProfileNameApplied(contact.Id, answer.RequestId);
    }

    public async Task Consume(ConsumeContext<ChannelProfileFetchFailed> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var answer = context.Message;
        var (contact, identity) = await FindAsync(answer.RequestId, context.CancellationToken);
        if (contact is null || identity is null)
        {
            logger.ProfileAnswerUnmatched(answer.RequestId);
            return;
        }

        var reason = string.IsNullOrEmpty(answer.Reason) ? "failed" : answer.Reason;
        identity.ProfileOutcome = reason.Length <= MaxOutcomeLength ? reason : reason[..MaxOutcomeLength];
        logger.ProfileFetchFailed(contact.Id, answer.RequestId, identity.ProfileOutcome);
    }

    private async Task<(ContactRecord? Contact, IdentityRecord? Identity)> FindAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var contactId = await store.Db.Identities.Where(i => i.ProfileRequestId == requestId)
            .Select(i => (Guid?)i.ContactId)
            .FirstOrDefaultAsync(cancellationToken);
        if (contactId is null)
        {
            return (null, null);
        }

        var contact = await store.LockAsync(contactId.Value, cancellationToken);
        if (contact is null || !contact.IsLive)
        {
            // Merged or erased since: a retry follows the identity to where it is now (or finds it gone).
            throw new InvalidOperationException($"Contact {contactId} changed while a channel profile was applied.");
        }

        return (contact, contact.Identities.FirstOrDefault(i => i.ProfileRequestId == requestId));
    }
}
