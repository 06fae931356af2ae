using Platform.SinchEmulator.Tests.Support;

namespace Platform.SinchEmulator.Tests.Customers;

public sealed class WebhookTriggerTests
{
    [Fact]
    public async Task A_webhook_gets_only_the_triggers_it_subscribed_to()
    {
        await using var emulator = await EmulatorWithReceiver.StartAsync(triggers: ["MESSAGE_INBOUND"]);

        await emulator.Client.ControlAsync(HttpMethod.Post, "/customers/text", """{"identity":"46701234567","text":"one"}""");
        await emulator.Client.ControlAsync(HttpMethod.Post, "/customers/text", """{"identity":"46701234567","text":"two"}""");
        await emulator.Receiver.WaitForAsync(c => c.TriggerField == "message", count: 2);

        Assert.All(emulator.Receiver.Received, c => Assert.Equal("message", c.TriggerField));
    }

    [Fact]
    public async Task Every_subscribed_webhook_gets_its_own_copy()
    {
        await using var emulator = await EmulatorWithReceiver.StartAsync(triggers: ["MESSAGE_INBOUND"]);
        await emulator.Client.CreateWebhookAsync(emulator.Receiver.BaseUrl + "/webhooks/second", "another-secret", "MESSAGE_INBOUND");

        await emulator.Client.ControlAsync(HttpMethod.Post, "/customers/text", """{"identity":"46701234567","text":"hi"}""");
        var second = (await emulator.Receiver.WaitForAsync(c => c.Path == "/webhooks/second"))[0];
        var first = (await emulator.Receiver.WaitForAsync(c => c.Path == "/webhooks/sinch"))[0];

        Assert.Equal(first.Text, second.Text);
        Assert.True(SignatureCheck.IsValid(second, "another-secret"));
    }
}
