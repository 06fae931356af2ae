using System.Net;
using Platform.Contact.Contacts;
using Platform.Contact.Tests.Consents;
using Platform.Contact.Tests.Support;
using Platform.Contracts;
using Platform.Testing;

namespace Platform.Contact.Tests.SinchContacts;

/// <summary>Sinch's CONTACT_MERGE folds our contact of the removed Sinch contact into the survivor's.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class MergeTests(ContactServiceFixture service) : IClassFixture<ContactServiceFixture>
{
    [Fact]
    public async Task A_merge_moves_identities_attached_data_and_consents_to_the_survivor_and_is_published()
    {
        var survivorSinchId = $"sc-{Guid.NewGuid():N}";
        var removedSinchId = $"sc-{Guid.NewGuid():N}";
        var sms = Inbound.NewPhone();
        var whatsApp = Inbound.NewPhone();
        var first = Inbound.Text("SMS", sms, survivorSinchId, conversationMetadata: "{\"tier\":\"silver\"}");
        var second = Inbound.Text("WHATSAPP", whatsApp, removedSinchId, conversationMetadata: "{\"order\":\"O-9\"}");
        await service.Bus.PublishAsync(first);
        await service.Bus.PublishAsync(second);
        var survivor = await service.Bus.WaitForOneAsync<ContactResolved>(r => r.SinchMessageId == first.SinchMessageId, "the SMS is resolved");
        var removed = await service.Bus.WaitForOneAsync<ContactResolved>(r => r.SinchMessageId == second.SinchMessageId, "the WhatsApp message is resolved");
        Assert.NotEqual(survivor.ContactId, removed.ContactId);
        await service.Bus.PublishAsync(ConsentTests.OptOut(new ChannelIdentity { Channel = "WHATSAPP", Identity = whatsApp }, DateTimeOffset.UtcNow));
        await service.Bus.WaitForOneAsync<ContactConsentChanged>(c => c.Identity.Identity == whatsApp, "the opt-out is recorded");

        await service.Bus.PublishAsync(Inbound.ContactChange(
            ContactChanges.Merged, survivorSinchId, "Maria Svensson", DateTimeOffset.UtcNow, merged: new SinchContact { Id = removedSinchId }));

        var merged = await service.Bus.WaitForOneAsync<ContactsMerged>(m => m.SurvivingContactId == survivor.ContactId, "the merge is published");
        Assert.Equal(removed.ContactId, merged.MergedContactId);
        await Eventually.TrueAsync(
            async () => (await service.GetJsonAsync<ContactResponse>($"/api/contact/contacts/{survivor.ContactId}")).DisplayName == "Maria Svensson",
            "the survivor takes Sinch's name");
        var contact = await service.GetJsonAsync<ContactResponse>($"/api/contact/contacts/{survivor.ContactId}");
        Assert.Equal(new[] { sms, whatsApp }.Order(), contact.Identities.Select(i => i.Identity).Order());
        Assert.Equal("silver", contact.AttachedData["tier"]);
        Assert.Equal("O-9", contact.AttachedData["order"]);
        var consent = Assert.Single(await service.GetJsonAsync<ConsentResponse[]>($"/api/contact/contacts/{survivor.ContactId}/consents"));
        Assert.Equal(whatsApp, consent.Identity);

        using var gone = await service.Client.GetAsync(new Uri($"/api/contact/contacts/{removed.ContactId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Contains(Problems.ContactMerged, await gone.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var later = Inbound.Text("WHATSAPP", whatsApp, survivorSinchId);
        await service.Bus.PublishAsync(later);
        var again = await service.Bus.WaitForOneAsync<ContactResolved>(r => r.SinchMessageId == later.SinchMessageId, "a later message is resolved");
        Assert.Equal(survivor.ContactId, again.ContactId);
    }

    [Fact]
    public async Task A_merge_whose_survivor_is_not_ours_yet_relinks_our_contact_to_the_surviving_Sinch_contact()
    {
        var survivorSinchId = $"sc-{Guid.NewGuid():N}";
        var removedSinchId = $"sc-{Guid.NewGuid():N}";
        var message = Inbound.Text("SMS", Inbound.NewPhone(), removedSinchId);
        await service.Bus.PublishAsync(message);
        var resolved = await service.Bus.WaitForOneAsync<ContactResolved>(r => r.SinchMessageId == message.SinchMessageId, "the message is resolved");

        await service.Bus.PublishAsync(Inbound.ContactChange(
            ContactChanges.Merged, survivorSinchId, "Nils Berg", DateTimeOffset.UtcNow, merged: new SinchContact { Id = removedSinchId }));

        var updated = await service.Bus.WaitForOneAsync<ContactUpdated>(u => u.ContactId == resolved.ContactId, "the contact takes the survivor's name");
        Assert.Equal("Nils Berg", updated.DisplayName);
        var contact = await service.GetJsonAsync<ContactResponse>($"/api/contact/contacts/{resolved.ContactId}");
        Assert.Equal(survivorSinchId, contact.SinchContactId);
    }
}
