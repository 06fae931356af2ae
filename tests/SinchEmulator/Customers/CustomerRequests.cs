namespace Platform.SinchEmulator.Customers;

/// <summary>
/// Who acts: app (default: the first seeded app), channel (default: the app's first channel),
/// identity (phone number or channel user id) and, optionally, the profile name the channel reports.
/// Any message can quote an earlier one with reply_to_message_id.
/// </summary>
internal abstract record CustomerRequest
{
    public string? AppId { get; init; }
    public string? Channel { get; init; }
    public string Identity { get; init; } = "";
    public string? DisplayName { get; init; }
    public string? ReplyToMessageId { get; init; }
}

internal sealed record CustomerTextRequest : CustomerRequest
{
    public string Text { get; init; } = "";
}

/// <summary>Hosts the given (or a default 1×1 PNG) file and sends its URL; or sends Url as-is when given.</summary>
internal sealed record CustomerMediaRequest : CustomerRequest
{
    public string? Url { get; init; }
    public string? ContentBase64 { get; init; }
    public string? ContentType { get; init; }
    public string? FileName { get; init; }
    public int? ExpiresInSeconds { get; init; }
}

internal sealed record CustomerLocationRequest : CustomerRequest
{
    public double Latitude { get; init; }
    public double Longitude { get; init; }
    public string Title { get; init; } = "";
    public string? Label { get; init; }
}

/// <summary>Picks a choice of an earlier outbound message: by postback_data, or by 0-based choice_index.</summary>
internal sealed record CustomerChoiceRequest : CustomerRequest
{
    public string MessageId { get; init; } = "";
    public string? PostbackData { get; init; }
    public int? ChoiceIndex { get; init; }
}

internal sealed record CustomerConsentRequest : CustomerRequest;

internal sealed record CustomerTypingRequest : CustomerRequest
{
    /// <summary>True sends composing_end_event instead of composing_event.</summary>
    public bool Stopped { get; init; }
}

/// <summary>Ids the resulting callback carries, so a test can find what the platform made of it.</summary>
internal sealed record CustomerActionResponse(string Id, string ContactId, string ConversationId, string? MediaUrl = null);
