using System.Net;
using Platform.Contact.Tests.Consents;
using Platform.Contact.Tests.Support;
using Platform.Contracts;
using Platform.Testing;

namespace Platform.Contact.Tests.Erasure;

/// <summary>GDPR erasure through the API removes personal data and tells routing and media.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class ErasureTests(ContactServiceFixture service) : IClassFixture<ContactServiceFixture>
{
    [Fact]
    public async Task Erasing_a_contact_removes_its_personal_data_keeps_a_record_and_publishes_the_erasure()
    {
        var phone = Inbound.NewPhone();
        var sinchContactId = $"sc-{Guid.NewGuid():N}";
        var message = Inbound.Text("WHATSAPP", phone, sinchContactId, conversationMetadata: "{\"email\":\"maria@example.com\"}");
        await service.Bus.PublishAsync(Inbound.ContactChange(ContactChanges.Created, sinchContactId, "Maria Svensson", DateTimeOffset.UtcNow));
        await service.Bus.PublishAsync(message);
        var resolved = await service.Bus.WaitForOneAsync<ContactResolved>(r => r.SinchMessageId == message.SinchMessageId, "the message is resolved");
        await service.Bus.PublishAsync(ConsentTests.OptOut(new ChannelIdentity { Channel = "WHATSAPP", Identity = phone }, DateTimeOffset.UtcNow));
        await service.Bus.WaitForOneAsync<ContactConsentChanged>(c => c.Identity.Identity == phone, "the opt-out is recorded");

        using (var erase = await service.Client.DeleteAsync(new Uri($"/api/contact/contacts/{resolved.ContactId}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, erase.StatusCode);
        }

        var erased = await service.Bus.WaitForOneAsync<ContactErased>(e => e.ContactId == resolved.ContactId, "the erasure is published");
        Assert.Equal(phone, Assert.Single(erased.Identities).Identity);
        Assert.Equal([sinchContactId], erased.SinchContactIds);

        using (var gone = await service.Client.GetAsync(new Uri($"/api/contact/contacts/{resolved.ContactId}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
            Assert.Contains(Problems.ContactErased, await gone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var id = ("id", (object)resolved.ContactId);
        Assert.Equal(0L, await service.QueryAsync<long>("SELECT count(*) FROM contact.identities WHERE contact_id = @id", id));
        Assert.Equal(0L, await service.QueryAsync<long>("SELECT count(*) FROM contact.attached_data WHERE contact_id = @id", id));
        Assert.Equal(0L, await service.QueryAsync<long>("SELECT count(*) FROM contact.consents WHERE contact_id = @id AND identity IS NOT NULL", id));
        Assert.Equal(1L, await service.QueryAsync<long>("SELECT count(*) FROM contact.consents WHERE contact_id = @id AND state = 'OPT_OUT'", id));
        Assert.Equal(0L, await service.QueryAsync<long>("SELECT count(*) FROM contact.sinch_contacts WHERE sinch_contact_id = @sc", ("sc", sinchContactId)));
        Assert.Equal(1L, await service.QueryAsync<long>("SELECT count(*) FROM contact.contacts WHERE id = @id AND erased_at IS NOT NULL AND display_name IS NULL", id));

        using (var again = await service.Client.DeleteAsync(new Uri($"/api/contact/contacts/{resolved.ContactId}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        }

        var later = Inbound.Text("WHATSAPP", phone);
        await service.Bus.PublishAsync(later);
        var fresh = await service.Bus.WaitForOneAsync<ContactResolved>(r => r.SinchMessageId == later.SinchMessageId, "a later message is resolved");
        Assert.True(fresh.IsNew);
        Assert.NotEqual(resolved.ContactId, fresh.ContactId);
    }

    [Fact]
    public async Task Erasing_an_unknown_contact_answers_404_problem_details()
    {
        using var response = await service.Client.DeleteAsync(new Uri($"/api/contact/contacts/{Guid.NewGuid()}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
