using System.Text.Json.Nodes;
using MassTransit;
using Npgsql;
using Platform.Contracts;
using Platform.Egress.Tests.Support;
using Platform.Testing;

namespace Platform.Egress.Tests.Outbound;

[Trait("Category", TestCategories.Integration)]
[Collection(EgressPlatformCollection.Name)]
public sealed class ChannelRuleTests(EgressPlatform platform)
{
    [Fact]
    public async Task A_text_on_an_mms_conversation_is_sent_as_an_mms_card_on_the_mms_channel_only()
    {
        var id = await platform.SendAsync(new { text = "Your order shipped" }, "MMS", "15550002222", conversationChannel: "MMS");

        await platform.StatusAsync(id, OutboundMessageStatuses.Read);
        var body = JsonNode.Parse(Assert.Single(await platform.SendsOfAsync(id))["body"]!.GetValue<string>())!;
        Assert.Equal(["MMS"], body["channel_priority_order"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("Your order shipped", body["message"]!["card_message"]!["description"]!.GetValue<string>());
        Assert.Null(body["message"]!["text_message"]);
    }

    [Fact]
    public async Task Outside_whatsapps_window_a_text_is_refused_without_a_call_and_a_template_is_sent()
    {
        const string customer = "46700300001";
        var text = await platform.SendAsync(new { text = "Hi again" }, "WHATSAPP", customer, conversationChannel: "WHATSAPP");

        var refused = await platform.StatusAsync(text, OutboundMessageStatuses.Failed);
        Assert.Equal("OUTSIDE_ALLOWED_SENDING_WINDOW", refused["failureCode"]!.GetValue<string>());
        Assert.Contains("24-hour", refused["failureDescription"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await platform.SendsOfAsync(text));

        var template = await platform.SendAsync(new
        {
            sinchKind = "template_message",
            sinchJson = JsonNode.Parse("""{"channel_template":{"WHATSAPP":{"template_id":"order_update","language_code":"en_US","parameters":{"body[1]text":"Maria"}}}}"""),
        }, "WHATSAPP", customer, conversationChannel: "WHATSAPP");
        await platform.StatusAsync(template, OutboundMessageStatuses.Read);
    }

    [Fact]
    public async Task Inside_whatsapps_window_a_text_is_sent()
    {
        const string customer = "46700300002";
        var inbound = await platform.CustomerAsync("text", new { identity = customer, channel = "WHATSAPP", text = "hello" });
        var inboundId = inbound["id"]!.GetValue<string>();
        await Eventually.TrueAsync(() => Task.FromResult(platform.Bus.Of<InboundMessageReceived>().Any(m => m.SinchMessageId == inboundId)), "the inbound message is on the bus");
        await Eventually.TrueAsync(() => RowExistsAsync("SELECT 1 FROM egress.identity_activity WHERE identity = @identity", customer), "egress saw the customer write");

        var id = await platform.SendAsync(new { text = "Sure!" }, "WHATSAPP", customer, conversationChannel: "WHATSAPP");

        await platform.StatusAsync(id, OutboundMessageStatuses.Read);
    }

    [Fact]
    public async Task A_send_to_an_identity_that_opted_out_is_refused()
    {
        const string customer = "46700300003";
        await platform.Bus.Bus.Publish(new ContactConsentChanged
        {
            SinchAppId = EgressPlatform.AppId,
            Identity = new ChannelIdentity { Channel = "SMS", Identity = customer },
            Consent = ConsentStates.OptOut,
            Source = "sinch",
            ChangedAt = DateTimeOffset.UtcNow,
        });
        await Eventually.TrueAsync(() => RowExistsAsync("SELECT 1 FROM egress.identity_consent WHERE identity = @identity", customer), "egress recorded the opt-out");

        var id = await platform.SendAsync(new { text = "promo" }, "SMS", customer, conversationChannel: "SMS");

        var refused = await platform.StatusAsync(id, OutboundMessageStatuses.Failed);
        Assert.Equal("RECIPIENT_OPTED_OUT", refused["failureCode"]!.GetValue<string>());
        Assert.Empty(await platform.SendsOfAsync(id));
    }

    [Fact]
    public async Task A_channel_profile_is_fetched_and_published()
    {
        const string customer = "7261934458210573";
        await platform.CustomerAsync("text", new { identity = customer, channel = "MESSENGER", text = "hi", display_name = "Maria Svensson" });
        var request = NewId.NextGuid();

        await platform.Bus.Bus.Publish(new FetchChannelProfile
        {
            RequestId = request,
            ContactId = Guid.NewGuid(),
            SinchAppId = EgressPlatform.AppId,
            Identity = new ChannelIdentity { Channel = "MESSENGER", Identity = customer, AppId = EgressPlatform.AppId },
            RequestedAt = DateTimeOffset.UtcNow,
        });

        var fetched = await Eventually.ReturnsAsync(
            () => Task.FromResult(platform.Bus.Of<ChannelProfileFetched>().FirstOrDefault(f => f.RequestId == request)),
            f => f is not null,
            "the profile is published");
        Assert.Equal("Maria Svensson", fetched!.ProfileName);
    }

    [Fact]
    public async Task An_unknown_channel_profile_is_reported_as_failed_not_retried_forever()
    {
        var request = NewId.NextGuid();

        await platform.Bus.Bus.Publish(new FetchChannelProfile
        {
            RequestId = request,
            ContactId = Guid.NewGuid(),
            SinchAppId = EgressPlatform.AppId,
            Identity = new ChannelIdentity { Channel = "INSTAGRAM", Identity = "no-such-user" },
            RequestedAt = DateTimeOffset.UtcNow,
        });

        var failed = await Eventually.ReturnsAsync(
            () => Task.FromResult(platform.Bus.Of<ChannelProfileFetchFailed>().FirstOrDefault(f => f.RequestId == request)),
            f => f is not null,
            "the failure is published");
        Assert.Equal("sinch-error", failed!.Reason);
    }

    [Fact]
    public async Task An_ended_conversation_is_stopped_at_sinch_without_a_body()
    {
        var inbound = await platform.CustomerAsync("text", new { identity = "46700300004", text = "bye" });
        var conversation = inbound["conversation_id"]!.GetValue<string>();

        await platform.Bus.Bus.Publish(new ConversationEnded
        {
            ConversationId = Guid.NewGuid(),
            SinchConversationId = conversation,
            SinchAppId = EgressPlatform.AppId,
            EndedBy = "agent",
            EndedAt = DateTimeOffset.UtcNow,
        });

        var stop = await Eventually.ReturnsAsync(
            async () => (await platform.EmulatorJsonAsync($"/emulator/requests?path_contains={conversation}:stop")).AsArray().FirstOrDefault(),
            r => r is not null && r["status_code"]?.GetValue<int>() == 200,
            "the stop reached Sinch");
        Assert.True(string.IsNullOrEmpty(stop!["body"]?.GetValue<string>()));
    }

    private async Task<bool> RowExistsAsync(string sql, string identity)
    {
        await using var connection = new NpgsqlConnection(platform.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("identity", identity);
        return await command.ExecuteScalarAsync() is not null;
    }
}
