using System.Text.Json.Nodes;
using Platform.SinchEmulator.Wire;

namespace Platform.SinchEmulator.Conversations;

/// <summary>CONVERSATION mode: at most one active conversation per (app, contact); a stopped one never reopens.</summary>
internal sealed class ConversationStore(TimeProvider time)
{
    private static readonly DateTimeOffset NeverReceived = DateTimeOffset.UnixEpoch;

    private readonly Lock _gate = new();
    private readonly List<Conversation> _conversations = [];

    public (Conversation Conversation, bool Started) GetOrStart(string appId, string contactId, string channel)
    {
        lock (_gate)
        {
            var active = _conversations.Find(c => c.AppId == appId && c.ContactId == contactId && c.Active);
            if (active is not null)
            {
                return (active, false);
            }
            var started = new Conversation(SinchIds.New(), appId, contactId, true, channel, NeverReceived, "", null, null);
            _conversations.Add(started);
            return (started, true);
        }
    }

    public Conversation? Find(string id)
    {
        lock (_gate)
        {
            return _conversations.Find(c => c.Id == id);
        }
    }

    public Conversation? FindActive(string appId, string contactId)
    {
        lock (_gate)
        {
            return _conversations.Find(c => c.AppId == appId && c.ContactId == contactId && c.Active);
        }
    }

    public Conversation ReceivedFromContact(string id, string channel) =>
        Update(id, c => c with { LastReceived = time.GetUtcNow(), ActiveChannel = channel });

    /// <summary>conversation_metadata and correlation_id of a send stick to the conversation (docs/sinch-wire-format.md §5.1).</summary>
    public Conversation SentToContact(string id, string channel, JsonObject? metadata, bool mergeMetadata, string? correlationId) =>
        Update(id, c => c with
        {
            ActiveChannel = channel,
            MetadataJson = metadata is null ? c.MetadataJson : mergeMetadata ? Merge(c.MetadataJson, metadata) : metadata,
            CorrelationId = string.IsNullOrEmpty(correlationId) ? c.CorrelationId : correlationId,
        });

    /// <summary>Returns the stopped conversation, or null when it was not active.</summary>
    public Conversation? Stop(string id)
    {
        lock (_gate)
        {
            var index = _conversations.FindIndex(c => c.Id == id && c.Active);
            if (index < 0)
            {
                return null;
            }
            return _conversations[index] = _conversations[index] with { Active = false };
        }
    }

    public IReadOnlyList<Conversation> Query(string? appId, string? contactId, bool onlyActive)
    {
        lock (_gate)
        {
            return [.. _conversations.Where(c =>
                (appId is null || c.AppId == appId) && (contactId is null || c.ContactId == contactId) && (!onlyActive || c.Active))];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _conversations.Clear();
        }
    }

    private Conversation Update(string id, Func<Conversation, Conversation> change)
    {
        lock (_gate)
        {
            var index = _conversations.FindIndex(c => c.Id == id);
            return _conversations[index] = change(_conversations[index]);
        }
    }

    private static JsonObject Merge(JsonObject? current, JsonObject patch)
    {
        var merged = current?.DeepClone().AsObject() ?? [];
        foreach (var (key, value) in patch)
        {
            merged[key] = value?.DeepClone();
        }
        return merged;
    }
}
