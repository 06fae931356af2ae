namespace Platform.SinchEmulator.Messages;

/// <summary>A message plus what the API does not show but callbacks need.</summary>
internal sealed record StoredMessage(string AppId, ConversationMessage Message, string? CorrelationId);

internal sealed class MessageStore
{
    private readonly Lock _gate = new();
    private readonly List<StoredMessage> _messages = [];

    public void Add(StoredMessage message)
    {
        lock (_gate)
        {
            _messages.Add(message);
        }
    }

    public StoredMessage? Find(string id)
    {
        lock (_gate)
        {
            return _messages.Find(m => m.Message.Id == id);
        }
    }

    /// <summary>Newest first, as Sinch lists them.</summary>
    public IReadOnlyList<StoredMessage> Query(Func<StoredMessage, bool> filter)
    {
        lock (_gate)
        {
            return [.. _messages.Where(filter).Reverse()];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _messages.Clear();
        }
    }
}
