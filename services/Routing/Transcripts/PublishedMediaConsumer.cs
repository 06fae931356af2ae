using MassTransit;
using Platform.Contracts;
using Platform.DurableMessaging;
using Platform.Routing.Persistence;

namespace Platform.Routing.Transcripts;

/// <summary>Remembers media's public links of agent uploads, so an agent can reply with a media id.</summary>
[OnlyTransactionalEffects]
public sealed class PublishedMediaConsumer(RoutingDbContext db) : IConsumer<MediaPublished>
{
    public async Task Consume(ConsumeContext<MediaPublished> context)
    {
        var published = context.Message;
        var row = await db.PublishedMedia.FindAsync([published.MediaId], context.CancellationToken);
        if (row is null)
        {
            row = new PublishedMedia { MediaId = published.MediaId };
            db.PublishedMedia.Add(row);
        }

        row.PublicUrl = published.PublicUrl;
        row.ExpiresAt = published.ExpiresAt;
        row.FileName = published.FileName;
        row.ContentType = published.ContentType;
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
