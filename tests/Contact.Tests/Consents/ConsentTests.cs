using Platform.Contact.Contacts;
using Platform.Contact.Tests.Support;
using Platform.Contracts;
using Platform.Testing;

namespace Platform.Contact.Tests.Consents;

/// <summary>Sinch's OPT_IN / OPT_OUT results become consents that egress hears of and agents can list.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class ConsentTests(ContactServiceFixture service) : IClassFixture<ContactServiceFixture>
{
    [Fact]
    public async Task An_opt_out_is_recorded_published_for_egress_and_listed_on_the_contact()
    {
        var phone = Inbound.NewPhone();
        var message = Inbound.Text("SMS", phone);
        await service.Bus.PublishAsync(message);
        var resolved = await service.Bus.WaitForOneAsync<ContactResolved>(r => r.SinchMessageId == message.SinchMessageId, "the message is resolved");
        // Whole seconds: PostgreSQL keeps microseconds, .NET ticks are finer.
        var at = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        await service.Bus.PublishAsync(OptOut(new ChannelIdentity { Channel = "SMS", Identity = phone }, at));

        var changed = await service.Bus.WaitForOneAsync<ContactConsentChanged>(c => c.Identity.Identity == phone, "the opt-out is published");
        Assert.Equal(resolved.ContactId, changed.ContactId);
        Assert.Equal(ConsentStates.OptOut, changed.Consent);
        Assert.Equal("sinch", changed.Source);
        Assert.Equal(Inbound.AppId, changed.SinchAppId);
        Assert.Equal(at, changed.ChangedAt);
        var consents = await service.GetJsonAsync<ConsentResponse[]>($"/api/contact/contacts/{resolved.ContactId}/consents");
        var consent = Assert.Single(consents);
        Assert.Equal(ConsentStates.OptOut, consent.Consent);
        Assert.Equal(phone, consent.Identity);
        Assert.Equal(at, consent.ChangedAt);
    }

    [Fact]
    public async Task An_opt_out_naming_only_the_Sinch_contact_applies_to_its_identities_on_that_channel()
    {
        var sinchContactId = $"sc-{Guid.NewGuid():N}";
        var phone = Inbound.NewPhone();
        var message = Inbound.Text("WHATSAPP", phone, sinchContactId);
        await service.Bus.PublishAsync(message);
        await service.Bus.WaitForOneAsync<ContactResolved>(r => r.SinchMessageId == message.SinchMessageId, "the message is resolved");

        await service.Bus.PublishAsync(new ConsentChangeReported
        {
            SinchAppId = Inbound.AppId,
            Change = ConsentStates.OptOut,
            Status = "OPT_OUT_SUCCEEDED",
            SinchContactId = sinchContactId,
            Channel = "WHATSAPP",
            OccurredAt = DateTimeOffset.UtcNow,
        });

        var changed = await service.Bus.WaitForOneAsync<ContactConsentChanged>(c => c.Identity.Identity == phone, "the opt-out is published");
        Assert.Equal("WHATSAPP", changed.Identity.Channel);
    }

    public static ConsentChangeReported OptOut(ChannelIdentity identity, DateTimeOffset at, string change = ConsentStates.OptOut, string? status = null) => new()
    {
        SinchAppId = Inbound.AppId,
        Change = change,
        Status = status ?? $"{change}_SUCCEEDED",
        Identity = identity,
        OccurredAt = at,
    };

    [Fact]
    public async Task An_opt_out_reported_before_the_first_message_belongs_to_the_contact_that_message_makes()
    {
        var phone = Inbound.NewPhone();
        await service.Bus.PublishAsync(OptOut(new ChannelIdentity { Channel = "SMS", Identity = phone }, DateTimeOffset.UtcNow));
        var changed = await service.Bus.WaitForOneAsync<ContactConsentChanged>(c => c.Identity.Identity == phone, "the opt-out is published");
        Assert.Null(changed.ContactId);

        var message = Inbound.Text("SMS", phone);
        await service.Bus.PublishAsync(message);
        var resolved = await service.Bus.WaitForOneAsync<ContactResolved>(r => r.SinchMessageId == message.SinchMessageId, "the message is resolved");

        var consent = Assert.Single(await service.GetJsonAsync<ConsentResponse[]>($"/api/contact/contacts/{resolved.ContactId}/consents"));
        Assert.Equal(ConsentStates.OptOut, consent.Consent);
    }
}
