using Platform.Contact.Tests.Support;
using Platform.Contracts;
using Platform.Testing;

namespace Platform.Contact.Tests.Resolution;

/// <summary>First messages of one identity racing on two replicas of the service end in one contact.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class ResolutionRaceTests(ContactServiceFixture service) : IClassFixture<ContactServiceFixture>
{
    [Fact]
    public async Task Racing_first_messages_on_two_replicas_make_one_contact_per_identity()
    {
        await service.StartReplicaAsync();
        var phones = Enumerable.Range(0, 12).Select(_ => Inbound.NewPhone()).ToList();
        var messages = phones.SelectMany(phone => Enumerable.Range(0, 4).Select(_ => Inbound.Text("WHATSAPP", phone))).ToList();

        await Task.WhenAll(messages.Select(m => service.Bus.PublishAsync(m)));

        var ids = messages.Select(m => m.SinchMessageId).ToHashSet();
        var resolved = await service.Bus.WaitForAsync<ContactResolved>(r => ids.Contains(r.SinchMessageId!), "every message is resolved", messages.Count);
        Assert.Equal(messages.Count, resolved.Count);
        foreach (var phone in phones)
        {
            var forPhone = resolved.Where(r => r.Identity.Identity == phone).ToList();
            Assert.Single(forPhone.Select(r => r.ContactId).Distinct());
            Assert.Single(forPhone, r => r.IsNew);
            Assert.Equal(1L, await service.QueryAsync<long>("SELECT count(*) FROM contact.identities WHERE identity = @p", ("p", phone)));
        }

        Assert.Equal((long)phones.Count, await service.QueryAsync<long>(
            "SELECT count(DISTINCT contact_id) FROM contact.identities WHERE identity = ANY(@p)", ("p", phones.ToArray())));
    }

    [Fact]
    public async Task Racing_first_messages_of_one_Sinch_contact_on_two_identities_make_one_contact()
    {
        var sinchContactId = $"sc-{Guid.NewGuid():N}";
        var messages = Enumerable.Range(0, 6).Select(_ => Inbound.Text("SMS", Inbound.NewPhone(), sinchContactId)).ToList();

        await Task.WhenAll(messages.Select(m => service.Bus.PublishAsync(m)));

        var ids = messages.Select(m => m.SinchMessageId).ToHashSet();
        var resolved = await service.Bus.WaitForAsync<ContactResolved>(r => ids.Contains(r.SinchMessageId!), "every message is resolved", messages.Count);
        Assert.Single(resolved.Select(r => r.ContactId).Distinct());
        Assert.Single(resolved, r => r.IsNew);
    }

    [Fact]
    public async Task A_CONTACT_UPDATE_racing_the_first_message_of_its_contact_always_names_the_contact()
    {
        var messages = new List<InboundMessageReceived>();
        var work = new List<Task>();
        for (var i = 0; i < 10; i++)
        {
            var sinchContactId = $"sc-{Guid.NewGuid():N}";
            var message = Inbound.Text("WHATSAPP", Inbound.NewPhone(), sinchContactId);
            messages.Add(message);
            work.Add(service.Bus.PublishAsync(Inbound.ContactChange(ContactChanges.Updated, sinchContactId, $"Name {i}", DateTimeOffset.UtcNow)));
            work.Add(service.Bus.PublishAsync(message));
        }

        await Task.WhenAll(work);

        var ids = messages.Select(m => m.SinchMessageId).ToHashSet();
        var resolved = await service.Bus.WaitForAsync<ContactResolved>(r => ids.Contains(r.SinchMessageId!), "every message is resolved", messages.Count);
        foreach (var contactId in resolved.Select(r => r.ContactId))
        {
            await Eventually.TrueAsync(
                async () => await service.QueryAsync<string>("SELECT display_name_source FROM contact.contacts WHERE id = @id", ("id", contactId)) == DisplayNameSources.SinchContact,
                "every contact shows Sinch's name");
        }
    }
}
