using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Media.Access;
using Platform.Media.Persistence;
using Platform.Media.Tests.Support;
using Platform.Testing;

namespace Platform.Media.Tests.Erasure;

/// <summary>A contact's erasure deletes its media found by identity or Sinch contact id, and records the erasure.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class ErasureTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task Erasing_a_contact_deletes_its_media_and_records_it_while_other_contacts_keep_theirs()
    {
        await using var source = await MediaSourceServer.StartAsync();
        await using var listener = await MediaBusListener.StartAsync(infrastructure.RabbitMqConnectionString);
        await using var app = await new MediaApp(infrastructure, MediaApp.NewStorageRoot()).StartAsync();
        using var client = app.CreateClient();
        var byIdentity = Samples.InboundMedia(source.Host("a.png", new SourceFile(Samples.Png)), identity: "46700000555");
        var byContactId = Samples.InboundMedia(source.Host("b.png", new SourceFile(Samples.Png)), identity: "46700000556", contactId: "01JCONTACTERASED00000000001");
        var other = Samples.InboundMedia(source.Host("c.png", new SourceFile(Samples.Png)), identity: "46700000557");
        foreach (var inbound in new[] { byIdentity, byContactId, other })
        {
            await app.PublishAsync(inbound);
            await listener.ArrivesAsync<MediaStored>(m => m.MediaId == Samples.MediaIdOf(inbound), "the item is stored");
        }

        var contactId = Guid.NewGuid();
        await app.PublishAsync(new ContactErased
        {
            ContactId = contactId,
            Identities = [new ChannelIdentity { Channel = "WHATSAPP", Identity = "46700000555" }],
            SinchContactIds = ["01JCONTACTERASED00000000001"],
            ErasedAt = DateTimeOffset.UtcNow,
        });

        foreach (var erased in new[] { byIdentity, byContactId })
        {
            var info = await Eventually.ReturnsAsync(
                () => client.GetFromJsonAsync<MediaInfoResponse>(new Uri($"/api/media/{Samples.MediaIdOf(erased)}/info", UriKind.Relative)),
                i => i?.State == "Erased",
                "the item is erased");
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/api/media/{Samples.MediaIdOf(erased)}", UriKind.Relative))).StatusCode);
            Assert.Null(info!.FileName);
            Assert.Null(info.Sha256);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri($"/api/media/{Samples.MediaIdOf(other)}", UriKind.Relative))).StatusCode);
        Assert.Single(Directory.EnumerateFiles(app.StorageRoot, "*", SearchOption.AllDirectories));
        await using var scope = app.Services.CreateAsyncScope();
        var record = await scope.ServiceProvider.GetRequiredService<MediaDbContext>().Erasures.SingleAsync(e => e.ContactId == contactId);
        Assert.Equal(2, record.ItemsErased);

        // A late redelivery of the erased contact's message must not bring its media back.
        await app.PublishAsync(byIdentity);
        var sentinel = Samples.InboundMedia(source.Host("d.png", new SourceFile(Samples.Png)));
        await app.PublishAsync(sentinel);
        await listener.ArrivesAsync<MediaStored>(m => m.MediaId == Samples.MediaIdOf(sentinel), "the sentinel is stored");
        Assert.Equal(1, source.RequestsFor("a.png"));
    }
}
