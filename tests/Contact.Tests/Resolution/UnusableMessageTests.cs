using Platform.Contact.Tests.Support;
using Platform.Contracts;
using Platform.Testing;

namespace Platform.Contact.Tests.Resolution;

/// <summary>A message that can never resolve goes straight to the error queue, and the ones behind it still flow.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class UnusableMessageTests(ContactServiceFixture service) : IClassFixture<ContactServiceFixture>
{
    [Fact]
    public async Task An_inbound_message_without_an_identity_is_dead_lettered_and_the_next_one_resolves()
    {
        var unusable = Inbound.Text("SMS", Inbound.NewPhone()) with { Identity = new ChannelIdentity { Channel = "SMS", Identity = "" } };
        var next = Inbound.Text("SMS", Inbound.NewPhone());

        await service.Bus.PublishAsync(unusable);
        await service.Bus.PublishAsync(next);

        await service.Bus.WaitForOneAsync<ContactResolved>(r => r.SinchMessageId == next.SinchMessageId, "the next message is resolved");
        await Eventually.TrueAsync(
            async () => await service.Infrastructure.RabbitMq.GetQueueMessageCountAsync("contact-resolve-contact_error") == 1,
            "the unusable message is in the error queue");
        Assert.Empty(service.Bus.Received<ContactResolved>(r => r.SinchMessageId == unusable.SinchMessageId));
    }
}
