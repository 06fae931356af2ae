namespace Platform.Contracts;

/// <summary>A Sinch conversation as a callback reports it.</summary>
public sealed record SinchConversation
{
    /// <summary>Sinch conversation id.</summary>
    public required string Id { get; init; }

    /// <summary>Sinch contact id, when given.</summary>
    public string? SinchContactId { get; init; }

    /// <summary>Whether the conversation is active, when given.</summary>
    public bool? Active { get; init; }

    /// <summary>Channel the conversation currently uses, when given.</summary>
    public string? ActiveChannel { get; init; }

    /// <summary>When the last message was received, when given (absent rather than the Unix epoch), UTC.</summary>
    public DateTimeOffset? LastReceivedAt { get; init; }

    /// <summary>Deprecated string metadata of the conversation, when given.</summary>
    public string? Metadata { get; init; }

    /// <summary>The conversation's <c>metadata_json</c> object as raw JSON text, when given.</summary>
    public string? MetadataJson { get; init; }

    /// <summary>The conversation's correlation id, when given.</summary>
    public string? CorrelationId { get; init; }
}
