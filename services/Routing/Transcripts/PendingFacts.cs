using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Routing.Conversations;
using Platform.Routing.Persistence;

namespace Platform.Routing.Transcripts;

/// <summary>Stores facts that came before their message and applies them when it arrives (see <see cref="PendingMessageFact"/>).</summary>
internal static class PendingFacts
{
    public const string Contact = "contact";
    public const string Media = "media";
    public const string MediaFailed = "media-failed";

    public static async Task KeepAsync<T>(RoutingDbContext db, string sinchMessageId, string kind, T fact, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await db.PendingFacts.FindAsync([sinchMessageId, kind], cancellationToken);
        var json = JsonSerializer.Serialize(fact);
        if (existing is null)
        {
            db.PendingFacts.Add(new PendingMessageFact { SinchMessageId = sinchMessageId, Kind = kind, Json = json, ReceivedAt = now });
        }
        else
        {
            existing.Json = json;
            existing.ReceivedAt = now;
        }
    }

    /// <summary>
    /// Takes the contact kept for a message that was stored before its conversation existed (see
    /// <c>MessageFactsConsumer</c>): under the message's lock, so a contact arriving at the same time either is kept
    /// before this looks or finds the conversation after this transaction commits.
    /// </summary>
    public static async Task<ContactDetails?> TakeContactAsync(RoutingDbContext db, string sinchMessageId, CancellationToken cancellationToken)
    {
        await MessageLocks.LockAsync(db, sinchMessageId, cancellationToken);
        var fact = await db.PendingFacts.FindAsync([sinchMessageId, Contact], cancellationToken);
        if (fact is null)
        {
            return null;
        }

        db.PendingFacts.Remove(fact);
        return JsonSerializer.Deserialize<ContactDetails>(fact.Json);
    }

    /// <summary>Applies and removes the facts kept for the entry's message; returns the contact, when one was kept.</summary>
    public static async Task<ContactDetails?> ApplyAsync(RoutingDbContext db, TranscriptEntry entry, CancellationToken cancellationToken)
    {
        var facts = await db.PendingFacts.Where(f => f.SinchMessageId == entry.SinchMessageId).ToListAsync(cancellationToken);
        ContactDetails? contact = null;
        foreach (var fact in facts)
        {
            switch (fact.Kind)
            {
                case Contact:
                    contact = JsonSerializer.Deserialize<ContactDetails>(fact.Json);
                    entry.AuthorName = contact?.DisplayName ?? entry.AuthorName;
                    break;
                case Media when JsonSerializer.Deserialize<MediaStored>(fact.Json) is { } stored:
                    MediaFacts.Apply(entry, stored);
                    break;
                case MediaFailed when JsonSerializer.Deserialize<MediaTransferFailed>(fact.Json) is { } failed:
                    MediaFacts.Apply(entry, failed);
                    break;
                default:
                    break;
            }
        }

        db.PendingFacts.RemoveRange(facts);
        return contact;
    }
}

/// <summary>Media's copy of a customer's media replaces the channel's URL on the entry.</summary>
internal static class MediaFacts
{
    public static void Apply(TranscriptEntry entry, MediaStored stored)
    {
        entry.MediaId = stored.MediaId;
        entry.MediaUrl = null;
        entry.MediaFileName ??= stored.FileName;
        entry.MediaFailure = null;
    }

    public static void Apply(TranscriptEntry entry, MediaTransferFailed failed)
    {
        if (entry.MediaId is null)
        {
            entry.MediaFailure = failed.Reason;
        }
    }
}
