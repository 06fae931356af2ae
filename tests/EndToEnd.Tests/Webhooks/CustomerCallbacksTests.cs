using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts;
using Platform.Testing;

namespace Platform.EndToEnd.Tests.Webhooks;

[Trait("Category", TestCategories.EndToEnd)]
public sealed class CustomerCallbacksTests(WebhookPath platform) : IClassFixture<WebhookPath>
{
    private static readonly JsonSerializerOptions SnakeCase = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    [Fact]
    public async Task Customer_text_media_quoted_reply_and_opt_out_reach_the_bus_through_the_gateway()
    {
        const string customer = "46700000001";

        var text = await platform.CustomerAsync("text", new { identity = customer, text = "Hello, I need help", display_name = "Ada" });
        var media = await platform.CustomerAsync("media", new
        {
            identity = customer,
            content_base64 = Convert.ToBase64String("fake-jpeg"u8.ToArray()),
            content_type = "image/jpeg",
            file_name = "receipt.jpg",
        });
        var reply = await platform.CustomerAsync("text", new { identity = customer, text = "see above", reply_to_message_id = text.Id });
        await platform.CustomerAsync("opt-out", new { identity = customer });

        var inbound = await Eventually.ReturnsAsync(
            () => Task.FromResult(platform.Bus.Of<InboundMessageReceived>().Select(d => d.Message).Where(m => m.Identity.Identity == customer).ToList()),
            messages => messages.Count >= 3,
            "three inbound messages of the customer are on the bus");
        var consent = await Eventually.ReturnsAsync(
            () => Task.FromResult(platform.Bus.Of<ConsentChangeReported>().Select(d => d.Message).FirstOrDefault(m => m.Identity?.Identity == customer)),
            m => m is not null,
            "the opt-out is on the bus");

        var first = Assert.Single(inbound, m => m.SinchMessageId == text.Id);
        Assert.Equal(InboundMessageKinds.Text, first.Kind);
        Assert.Equal("Hello, I need help", first.Text);
        Assert.Equal(WebhookPath.AppId, first.SinchAppId);
        Assert.Equal(text.ConversationId, first.SinchConversationId);

        var picture = Assert.Single(inbound, m => m.SinchMessageId == media.Id);
        Assert.Equal(InboundMessageKinds.Media, picture.Kind);
        Assert.Equal(media.MediaUrl, picture.Media?.Url);

        var quoted = Assert.Single(inbound, m => m.SinchMessageId == reply.Id);
        Assert.Equal(text.Id, quoted.QuotedMessageId);

        Assert.Equal("OPT_OUT", consent!.Change);
    }

    [Fact]
    public async Task A_callback_sinch_sends_twice_reaches_the_bus_twice_with_the_same_message_id()
    {
        const string customer = "46700000002";
        await SetCallbackModeAsync(new { duplicates = 1 });
        try
        {
            var text = await platform.CustomerAsync("text", new { identity = customer, text = "once" });

            var copies = await Eventually.ReturnsAsync(
                () => Task.FromResult(platform.Bus.Of<InboundMessageReceived>().Where(d => d.Message.SinchMessageId == text.Id).ToList()),
                deliveries => deliveries.Count >= 2,
                "both copies of the callback are on the bus");

            Assert.NotNull(copies[0].MessageId);
            Assert.All(copies, copy => Assert.Equal(copies[0].MessageId, copy.MessageId));
        }
        finally
        {
            await SetCallbackModeAsync(new { duplicates = 0 });
        }
    }

    [Fact]
    public async Task While_the_broker_is_down_the_webhook_answers_503_and_sinchs_retry_gets_the_message_through()
    {
        const string customer = "46700000003";
        platform.IngressBroker.Cut();
        CustomerAction text;
        try
        {
            text = await platform.CustomerAsync("text", new { identity = customer, text = "are you there?" });
            await Eventually.TrueAsync(
                async () => (await CallbackAttemptsAsync()).Any(a => a.Body.Contains(text.Id, StringComparison.Ordinal) && a.StatusCode == 503),
                "ingress answered 503 to the inbound message while the broker was down");
            Assert.DoesNotContain(platform.Bus.Of<InboundMessageReceived>(), d => d.Message.SinchMessageId == text.Id);
        }
        finally
        {
            platform.IngressBroker.Restore();
        }

        await Eventually.TrueAsync(
            () => Task.FromResult(platform.Bus.Of<InboundMessageReceived>().Any(d => d.Message.SinchMessageId == text.Id)),
            "the emulator's retry got the message onto the bus",
            TimeSpan.FromSeconds(60));
        // The emulator records an attempt once ingress's answer is back, which may be after the bus saw the message.
        await Eventually.TrueAsync(
            async () => (await CallbackAttemptsAsync()).Any(a => a.Body.Contains(text.Id, StringComparison.Ordinal) && a.StatusCode == 200),
            "the emulator recorded the retry's 200");
    }

    private async Task SetCallbackModeAsync(object mode)
    {
        using var response = await platform.Emulator.PutAsJsonAsync(new Uri("/emulator/callback-mode", UriKind.Relative), mode);
        response.EnsureSuccessStatusCode();
    }

    private async Task<IReadOnlyList<CallbackAttempt>> CallbackAttemptsAsync()
    {
        var json = await platform.Emulator.GetStringAsync(new Uri("/emulator/callbacks?trigger=MESSAGE_INBOUND", UriKind.Relative));
        return JsonSerializer.Deserialize<List<CallbackAttempt>>(json, SnakeCase) ?? [];
    }

    private sealed record CallbackAttempt(string Trigger, int? StatusCode, string Outcome, string Body);
}
