using Platform.Contracts;

namespace Platform.Media.Downloads;

/// <summary>
/// The id of customer media, derived from where it came from, so a redelivered inbound event finds the same saga.
/// <c>slot</c> names the item within the message (<c>media</c>, <c>media-card</c>).
/// </summary>
public static class MediaIds
{
    public static Guid ForInbound(string sinchAppId, string sinchMessageId, string slot) =>
        CorrelationIds.From("inbound-media", sinchAppId, sinchMessageId, slot);
}
