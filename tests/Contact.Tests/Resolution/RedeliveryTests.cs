using Platform.Contact.Contacts;
using Platform.Contact.Tests.Support;
using Platform.Contracts;
using Platform.Testing;

namespace Platform.Contact.Tests.Resolution;

/// <summary>
/// A redelivered event (same bus message id, as ingress gives a redelivered webhook) changes nothing. One message at a
/// time, so that a later marker message proves the duplicate was handled before it.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class RedeliveryTests(SerialContactServiceFixture service) : IClassFixture<SerialContactServiceFixture>
{
    [Fact]
    public async Task A_redelivered_inbound_message_changes_nothing_and_is_resolved_once()
    {
        var messageId = Guid.NewGuid();
        var message = Inbound.Text("SMS", Inbound.NewPhone(), messageMetadata: "{\"ticket\":\"T-1\"}");
        await service.Bus.PublishAsync(message, messageId);
        var resolved = await service.Bus.WaitForOneAsync<ContactResolved>(r => r.SinchMessageId == message.SinchMessageId, "the message is resolved");
        var before = await service.GetJsonAsync<ContactResponse>($"/api/contact/contacts/{resolved.ContactId}");

        await service.Bus.PublishAsync(message with { MessageMetadata = "{\"ticket\":\"T-changed\"}" }, messageId);
        var marker = Inbound.Text("SMS", Inbound.NewPhone());
        await service.Bus.PublishAsync(marker);
        await service.Bus.WaitForOneAsync<ContactResolved>(r => r.SinchMessageId == marker.SinchMessageId, "a later message is resolved");

        Assert.Single(service.Bus.Received<ContactResolved>(r => r.SinchMessageId == message.SinchMessageId));
        var after = await service.GetJsonAsync<ContactResponse>($"/api/contact/contacts/{resolved.ContactId}");
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
        Assert.Equal("T-1", after.AttachedData["ticket"]);
    }

    [Fact]
    public async Task A_redelivered_opt_out_is_published_once()
    {
        var messageId = Guid.NewGuid();
        var identity = new ChannelIdentity { Channel = "SMS", Identity = Inbound.NewPhone() };
        var report = new ConsentChangeReported
        {
            SinchAppId = Inbound.AppId,
            Change = ConsentStates.OptOut,
            Status = "OPT_OUT_SUCCEEDED",
            Identity = identity,
            OccurredAt = DateTimeOffset.UtcNow,
        };

        await service.Bus.PublishAsync(report, messageId);
        await service.Bus.PublishAsync(report, messageId);
        var marker = report with { Identity = new ChannelIdentity { Channel = "SMS", Identity = Inbound.NewPhone() } };
        await service.Bus.PublishAsync(marker);
        await service.Bus.WaitForOneAsync<ContactConsentChanged>(c => c.Identity.Identity == marker.Identity.Identity, "a later report is recorded");

        Assert.Single(service.Bus.Received<ContactConsentChanged>(c => c.Identity.Identity == identity.Identity));
    }

    [Fact]
    public async Task A_late_older_opt_in_does_not_undo_a_later_opt_out_and_a_failed_opt_in_changes_nothing()
    {
        var identity = new ChannelIdentity { Channel = "SMS", Identity = Inbound.NewPhone() };
        var now = DateTimeOffset.UtcNow;

        await service.Bus.PublishAsync(Consents.ConsentTests.OptOut(identity, now));
        await service.Bus.PublishAsync(Consents.ConsentTests.OptOut(identity, now.AddMinutes(-5), ConsentStates.OptIn));
        await service.Bus.PublishAsync(Consents.ConsentTests.OptOut(identity, now.AddMinutes(5), ConsentStates.OptIn, "OPT_IN_FAILED"));
        var marker = Consents.ConsentTests.OptOut(new ChannelIdentity { Channel = "SMS", Identity = Inbound.NewPhone() }, now);
        await service.Bus.PublishAsync(marker);
        await service.Bus.WaitForOneAsync<ContactConsentChanged>(c => c.Identity.Identity == marker.Identity!.Identity, "a later report is recorded");

        var published = Assert.Single(service.Bus.Received<ContactConsentChanged>(c => c.Identity.Identity == identity.Identity));
        Assert.Equal(ConsentStates.OptOut, published.Consent);
        Assert.Equal("OPT_OUT", await service.QueryAsync<string>("SELECT state FROM contact.consents WHERE identity = @i", ("i", identity.Identity)));
    }

    [Fact]
    public async Task A_replayed_merge_merges_once()
    {
        var survivor = $"sc-{Guid.NewGuid():N}";
        var removed = $"sc-{Guid.NewGuid():N}";
        var first = Inbound.Text("SMS", Inbound.NewPhone(), survivor);
        var second = Inbound.Text("SMS", Inbound.NewPhone(), removed);
        await service.Bus.PublishAsync(first);
        await service.Bus.PublishAsync(second);
        await service.Bus.WaitForAsync<ContactResolved>(r => r.SinchMessageId == first.SinchMessageId || r.SinchMessageId == second.SinchMessageId, "both are resolved", 2);
        var merge = Inbound.ContactChange(ContactChanges.Merged, survivor, null, DateTimeOffset.UtcNow, merged: new SinchContact { Id = removed });

        await service.Bus.PublishAsync(merge);
        await service.Bus.PublishAsync(merge);
        var marker = Inbound.ContactChange(ContactChanges.Updated, survivor, "Marker Name", DateTimeOffset.UtcNow.AddSeconds(1));
        await service.Bus.PublishAsync(marker);
        await service.Bus.WaitForOneAsync<ContactUpdated>(u => u.DisplayName == "Marker Name", "a later change is applied");

        Assert.Single(service.Bus.Received<ContactsMerged>(m => m.MergedContactId != m.SurvivingContactId
            && service.Bus.Received<ContactResolved>(r => r.SinchMessageId == second.SinchMessageId).Any(r => r.ContactId == m.MergedContactId)));
    }
}
