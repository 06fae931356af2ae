using System.Net.Http.Json;
using Platform.Contact.Contacts;
using Platform.Contact.Tests.Support;
using Platform.Contracts;
using Platform.Testing;

namespace Platform.Contact.Tests.Resolution;

/// <summary>Inbound messages resolve to contacts on the real service, broker and database.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class ContactResolutionTests(ContactServiceFixture service) : IClassFixture<ContactServiceFixture>
{
    [Fact]
    public async Task An_SMS_contact_shows_its_number_and_the_resolution_carries_app_and_conversation()
    {
        var phone = Inbound.NewPhone();
        var message = Inbound.Text("SMS", phone, sinchContactId: $"sc-{Guid.NewGuid():N}");

        await service.Bus.PublishAsync(message);

        var resolved = await service.Bus.WaitForOneAsync<ContactResolved>(r => r.SinchMessageId == message.SinchMessageId, "the message is resolved");
        Assert.True(resolved.IsNew);
        Assert.Equal(phone, resolved.DisplayName);
        Assert.Equal(DisplayNameSources.Identity, resolved.DisplayNameSource);
        Assert.Equal(Inbound.AppId, resolved.SinchAppId);
        Assert.Equal(message.SinchConversationId, resolved.SinchConversationId);
        Assert.Equal(message.SinchContactId, resolved.SinchContactId);
        var contact = await service.GetJsonAsync<ContactResponse>($"/api/contact/contacts/{resolved.ContactId}");
        Assert.Equal(phone, contact.DisplayName);
        Assert.Equal(phone, Assert.Single(contact.Identities).Identity);
    }

    [Fact]
    public async Task In_DISPATCH_mode_a_contact_is_made_without_a_Sinch_contact_id_and_found_again_by_its_identity()
    {
        var phone = Inbound.NewPhone();
        var first = Inbound.Text("WHATSAPP", phone);
        var second = Inbound.Text("WHATSAPP", phone);

        await service.Bus.PublishAsync(first);
        var one = await service.Bus.WaitForOneAsync<ContactResolved>(r => r.SinchMessageId == first.SinchMessageId, "the first message is resolved");
        await service.Bus.PublishAsync(second);
        var two = await service.Bus.WaitForOneAsync<ContactResolved>(r => r.SinchMessageId == second.SinchMessageId, "the second message is resolved");

        Assert.Null(one.SinchContactId);
        Assert.Null(one.SinchConversationId);
        Assert.True(one.IsNew);
        Assert.False(two.IsNew);
        Assert.Equal(one.ContactId, two.ContactId);
    }

    [Fact]
    public async Task A_new_identity_of_a_known_Sinch_contact_joins_that_contact()
    {
        var sinchContactId = $"sc-{Guid.NewGuid():N}";
        var sms = Inbound.Text("SMS", Inbound.NewPhone(), sinchContactId);
        var whatsApp = Inbound.Text("WHATSAPP", Inbound.NewPhone(), sinchContactId);

        await service.Bus.PublishAsync(sms);
        var first = await service.Bus.WaitForOneAsync<ContactResolved>(r => r.SinchMessageId == sms.SinchMessageId, "the SMS is resolved");
        await service.Bus.PublishAsync(whatsApp);
        var second = await service.Bus.WaitForOneAsync<ContactResolved>(r => r.SinchMessageId == whatsApp.SinchMessageId, "the WhatsApp message is resolved");

        Assert.Equal(first.ContactId, second.ContactId);
        Assert.False(second.IsNew);
        var contact = await service.GetJsonAsync<ContactResponse>($"/api/contact/contacts/{first.ContactId}");
        Assert.Equal(2, contact.Identities.Count);
    }

    [Fact]
    public async Task A_WhatsApp_contact_whose_CONTACT_UPDATE_carries_a_display_name_shows_the_name()
    {
        var phone = Inbound.NewPhone();
        var sinchContactId = $"sc-{Guid.NewGuid():N}";
        var message = Inbound.Text("WHATSAPP", phone, sinchContactId);
        await service.Bus.PublishAsync(message);
        var resolved = await service.Bus.WaitForOneAsync<ContactResolved>(r => r.SinchMessageId == message.SinchMessageId, "the message is resolved");
        Assert.Equal(phone, resolved.DisplayName);

        await service.Bus.PublishAsync(Inbound.ContactChange(ContactChanges.Updated, sinchContactId, "Maria Svensson", DateTimeOffset.UtcNow));

        var updated = await service.Bus.WaitForOneAsync<ContactUpdated>(u => u.ContactId == resolved.ContactId, "the name is applied");
        Assert.Equal("Maria Svensson", updated.DisplayName);
        Assert.Equal(DisplayNameSources.SinchContact, updated.DisplayNameSource);
        var contact = await service.GetJsonAsync<ContactResponse>($"/api/contact/contacts/{resolved.ContactId}");
        Assert.Equal("Maria Svensson", contact.DisplayName);
    }

    [Fact]
    public async Task A_CONTACT_CREATE_that_comes_before_the_first_message_names_the_new_contact()
    {
        var sinchContactId = $"sc-{Guid.NewGuid():N}";
        await service.Bus.PublishAsync(Inbound.ContactChange(ContactChanges.Created, sinchContactId, "Erik Lund", DateTimeOffset.UtcNow, metadata: "{\"tier\":\"gold\"}"));
        await Eventually.TrueAsync(
            async () => await service.QueryAsync<long>("SELECT count(*) FROM contact.sinch_contacts WHERE sinch_contact_id = @id", ("id", sinchContactId)) == 1,
            "the Sinch contact is recorded");

        var message = Inbound.Text("WHATSAPP", Inbound.NewPhone(), sinchContactId);
        await service.Bus.PublishAsync(message);

        var resolved = await service.Bus.WaitForOneAsync<ContactResolved>(r => r.SinchMessageId == message.SinchMessageId, "the message is resolved");
        Assert.True(resolved.IsNew);
        Assert.Equal("Erik Lund", resolved.DisplayName);
        Assert.Equal(DisplayNameSources.SinchContact, resolved.DisplayNameSource);
        Assert.Equal("gold", resolved.AttachedData["tier"]);
    }

    [Fact]
    public async Task Metadata_and_message_metadata_land_as_attached_data_and_the_message_s_own_metadata_wins_a_shared_key()
    {
        var message = Inbound.Text(
            "SMS",
            Inbound.NewPhone(),
            messageMetadata: "{\"ticket\":\"T-2\",\"lang\":\"sv\"}",
            conversationMetadata: "{\"ticket\":\"T-1\",\"segment\":\"b2c\",\"score\":7}");

        await service.Bus.PublishAsync(message);

        var resolved = await service.Bus.WaitForOneAsync<ContactResolved>(r => r.SinchMessageId == message.SinchMessageId, "the message is resolved");
        Assert.Equal("T-2", resolved.AttachedData["ticket"]);
        Assert.Equal("sv", resolved.AttachedData["lang"]);
        Assert.Equal("b2c", resolved.AttachedData["segment"]);
        Assert.Equal("7", resolved.AttachedData["score"]);
        var contact = await service.GetJsonAsync<ContactResponse>($"/api/contact/contacts/{resolved.ContactId}");
        Assert.Equal(resolved.AttachedData, contact.AttachedData);
    }

    [Fact]
    public async Task Oversize_or_non_key_value_metadata_is_reported_while_the_message_still_flows()
    {
        var oversize = new string('x', 5000);
        var message = Inbound.Text(
            "SMS",
            Inbound.NewPhone(),
            messageMetadata: "out-7f3a9c",
            conversationMetadata: $"{{\"ok\":\"yes\",\"big\":\"{oversize}\"}}");

        await service.Bus.PublishAsync(message);

        var resolved = await service.Bus.WaitForOneAsync<ContactResolved>(r => r.SinchMessageId == message.SinchMessageId, "the message still resolves");
        Assert.Equal("yes", resolved.AttachedData["ok"]);
        Assert.False(resolved.AttachedData.ContainsKey("big"));
        Assert.Equal("out-7f3a9c", resolved.AttachedData["raw.metadata"]);
    }

    [Fact]
    public async Task A_Messenger_contact_asks_egress_for_its_profile_once_and_the_answer_replaces_the_identity_as_name()
    {
        var psid = Inbound.NewPsid();
        service.Bus.ProfileNames[psid] = "Ana Pérez";
        var first = Inbound.Text("MESSENGER", psid, identityAppId: "fb-page-app");
        var second = Inbound.Text("MESSENGER", psid, identityAppId: "fb-page-app");

        await service.Bus.PublishAsync(first);
        var resolved = await service.Bus.WaitForOneAsync<ContactResolved>(r => r.SinchMessageId == first.SinchMessageId, "the message is resolved");
        Assert.Equal(psid, resolved.DisplayName);
        var updated = await service.Bus.WaitForOneAsync<ContactUpdated>(u => u.ContactId == resolved.ContactId, "the profile name is applied");
        Assert.Equal("Ana Pérez", updated.DisplayName);
        Assert.Equal(DisplayNameSources.ChannelProfile, updated.DisplayNameSource);

        await service.Bus.PublishAsync(second);
        var again = await service.Bus.WaitForOneAsync<ContactResolved>(r => r.SinchMessageId == second.SinchMessageId, "the second message is resolved");
        Assert.Equal("Ana Pérez", again.DisplayName);
        Assert.Single(service.Bus.Received<FetchChannelProfile>(f => f.Identity.Identity == psid));
    }

    [Fact]
    public async Task A_channel_profile_answer_never_replaces_a_name_set_through_the_API()
    {
        var psid = Inbound.NewPsid();
        service.Bus.HeldProfiles[psid] = true;
        var message = Inbound.Text("INSTAGRAM", psid, identityAppId: "ig-app");
        await service.Bus.PublishAsync(message);
        var resolved = await service.Bus.WaitForOneAsync<ContactResolved>(r => r.SinchMessageId == message.SinchMessageId, "the message is resolved");
        var request = await service.Bus.WaitForOneAsync<FetchChannelProfile>(f => f.Identity.Identity == psid, "egress is asked for the profile");

        using (var patch = await service.Client.PatchAsJsonAsync($"/api/contact/contacts/{resolved.ContactId}", new { displayName = "VIP customer" }))
        {
            patch.EnsureSuccessStatusCode();
        }

        await service.Bus.PublishAsync(new ChannelProfileFetched
        {
            RequestId = request.RequestId,
            ContactId = request.ContactId,
            SinchAppId = request.SinchAppId,
            Identity = request.Identity,
            ProfileName = "Profile Name",
            FetchedAt = DateTimeOffset.UtcNow,
        });
        await Eventually.TrueAsync(
            async () => await service.QueryAsync<string?>("SELECT profile_outcome FROM contact.identities WHERE contact_id = @id", ("id", resolved.ContactId)) == "fetched",
            "the profile answer is handled");

        var contact = await service.GetJsonAsync<ContactResponse>($"/api/contact/contacts/{resolved.ContactId}");
        Assert.Equal("VIP customer", contact.DisplayName);
        Assert.Equal(DisplayNameSources.Api, contact.DisplayNameSource);
    }

    [Fact]
    public async Task A_failed_profile_fetch_leaves_the_identity_as_the_name()
    {
        var psid = Inbound.NewPsid();
        service.Bus.FailingProfiles[psid] = true;
        var message = Inbound.Text("VIBER", psid);
        await service.Bus.PublishAsync(message);
        var resolved = await service.Bus.WaitForOneAsync<ContactResolved>(r => r.SinchMessageId == message.SinchMessageId, "the message is resolved");

        await Eventually.TrueAsync(
            async () => await service.QueryAsync<string?>("SELECT profile_outcome FROM contact.identities WHERE contact_id = @id", ("id", resolved.ContactId)) == "not-supported-by-channel",
            "the failure is recorded");
        var contact = await service.GetJsonAsync<ContactResponse>($"/api/contact/contacts/{resolved.ContactId}");
        Assert.Equal(psid, contact.DisplayName);
    }
}
