using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Testing;

namespace Platform.EndToEnd.Tests.Egress;

[Trait("Category", TestCategories.EndToEnd)]
public sealed class SendThroughGatewayTests(OutboundPath platform) : IClassFixture<OutboundPath>
{
    [Fact]
    public async Task A_message_sent_through_the_gateway_is_recorded_by_sinch_and_read_by_the_customer()
    {
        using var sent = await platform.Gateway.PostAsJsonAsync(new Uri("/api/egress/messages", UriKind.Relative), new
        {
            conversationId = Guid.NewGuid(),
            sinchAppId = OutboundPath.AppId,
            recipients = new[] { new { channel = "SMS", identity = "46700900001" } },
            content = new { text = "Your order ships today" },
        });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var id = (await sent.Content.ReadFromJsonAsync<JsonObject>())!["outboundMessageId"]!.GetValue<Guid>();

        var message = await Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await platform.Gateway.GetAsync(new Uri($"/api/egress/messages/{id}", UriKind.Relative));
                return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync())! : new JsonObject();
            },
            m => m["status"]?.GetValue<string>() == "READ",
            "the message is READ through the API");

        var sinchMessageId = message["sinchMessageId"]!.GetValue<string>();
        var recorded = JsonNode.Parse(await platform.Emulator.GetStringAsync(new Uri("/emulator/messages?direction=TO_CONTACT", UriKind.Relative)))!;
        Assert.Contains(sinchMessageId, recorded.ToJsonString(), StringComparison.Ordinal);
    }
}
