namespace Platform.Contracts;

/// <summary>Sinch's Smart Conversations analysed a message (trigger <c>SMART_CONVERSATIONS</c>).</summary>
public sealed record SmartConversationAnalyzed
{
    /// <summary>Sinch app the webhook belongs to.</summary>
    public required string SinchAppId { get; init; }

    /// <summary>Sinch project of the app, when Sinch sends it.</summary>
    public string? SinchProjectId { get; init; }

    /// <summary>Sinch id of the analysed message, when given.</summary>
    public string? SinchMessageId { get; init; }

    /// <summary>Sinch conversation id, when given.</summary>
    public string? SinchConversationId { get; init; }

    /// <summary>Sinch contact id, when given.</summary>
    public string? SinchContactId { get; init; }

    /// <summary>Channel, when given.</summary>
    public string? Channel { get; init; }

    /// <summary>The <c>analysis_results</c> object as raw JSON text.</summary>
    public string? AnalysisResultsJson { get; init; }

    /// <summary>When Sinch accepted the analysis (the callback's <c>accepted_time</c>), UTC.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
