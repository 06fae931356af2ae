using MassTransit;
using Platform.Contracts;

namespace Platform.Media.Downloads;

/// <summary>Starts one download saga per media item of an inbound message (media or media card).</summary>
public sealed class DownloadInboundMediaConsumer(ILogger<DownloadInboundMediaConsumer> logger) : IConsumer<InboundMessageReceived>
{
    public async Task Consume(ConsumeContext<InboundMessageReceived> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        foreach (var (slot, url, fileName) in ItemsOf(message))
        {
            var mediaId = MediaIds.ForInbound(message.SinchAppId, message.SinchMessageId, slot);
            logger.InboundMediaSeen(mediaId, message.SinchMessageId, slot);
            await context.Publish(new StartMediaDownload
            {
                MediaId = mediaId,
                SinchAppId = message.SinchAppId,
                SinchMessageId = message.SinchMessageId,
                SinchContactId = message.SinchContactId,
                Channel = message.Channel,
                IdentityKey = IdentityKeys.For(message.Identity),
                SourceUrl = url,
                FileName = FileNames.Clean(fileName),
            }).ConfigureAwait(false);
        }
    }

    private static IEnumerable<(string Slot, string Url, string? FileName)> ItemsOf(InboundMessageReceived message)
    {
        if (message.Media is { Url: { Length: > 0 } mediaUrl } media)
        {
            yield return ("media", mediaUrl, media.FilenameOverride);
        }

        if (message.MediaCard is { Url: { Length: > 0 } cardUrl })
        {
            yield return ("media-card", cardUrl, null);
        }
    }
}
