namespace Platform.Contracts;

/// <summary>
/// The content of an outbound message: exactly one kind is set. Mirrors Sinch's <c>AppMessage</c> kinds; the JSON of
/// the richer kinds (card, carousel, list, template, ...) is passed through as Sinch's own JSON so that the platform
/// never lags behind what Sinch accepts.
/// </summary>
public sealed record OutboundContent
{
    /// <summary>Plain text.</summary>
    public string? Text { get; init; }

    /// <summary>A public media URL (an agent's file is first published by media with an expiring link).</summary>
    public string? MediaUrl { get; init; }

    /// <summary>
    /// Another Sinch message kind as Sinch JSON: the key (e.g. <c>choice_message</c>, <c>card_message</c>,
    /// <c>carousel_message</c>, <c>location_message</c>, <c>list_message</c>, <c>template_message</c>).
    /// </summary>
    public string? SinchKind { get; init; }

    /// <summary>The JSON object for <see cref="SinchKind"/>.</summary>
    public string? SinchJson { get; init; }

    /// <summary>Our media id when <see cref="MediaUrl"/> is a public link that media created for an upload.</summary>
    public Guid? MediaId { get; init; }

    /// <summary>The file name to show for <see cref="MediaUrl"/>, when known.</summary>
    public string? MediaFileName { get; init; }
}
