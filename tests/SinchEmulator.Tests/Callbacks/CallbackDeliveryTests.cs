using Platform.SinchEmulator.Tests.Support;

namespace Platform.SinchEmulator.Tests.Callbacks;

public sealed class CallbackDeliveryTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private EmulatorClient Client => fixture.Emulator.Client;
    private CallbackReceiver Receiver => fixture.Emulator.Receiver;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Failing_webhook_is_retried_until_it_succeeds()
    {
        await MeetCustomerAsync();
        Receiver.AnswerNextWith(500, 503, 429);

        await Client.ControlAsync(HttpMethod.Post, "/customers/typing", """{"identity":"46701234567"}""");
        var attempts = await Receiver.WaitForAsync(c => c.TriggerField == "event", count: 4);

        Assert.Equal([500, 503, 429, 200], attempts.Select(a => a.AnsweredWith));
        Assert.Single(attempts.Select(a => a.Text).Distinct());
        Assert.Equal(4, attempts.Select(a => a.Header("x-sinch-webhook-signature-nonce")).Distinct().Count());
        Assert.All(attempts, a => Assert.True(SignatureCheck.IsValid(a, EmulatorWithReceiver.WebhookSecret)));
        var log = await Eventually.Until(
            async () => (await Client.ControlAsync(HttpMethod.Get, "/callbacks?trigger=EVENT_INBOUND")).AsArray(),
            l => l.Count == 4, "four recorded attempts");
        Assert.Equal(["RETRY_SCHEDULED", "RETRY_SCHEDULED", "RETRY_SCHEDULED", "DELIVERED"], log.Select(a => a!["outcome"]!.GetValue<string>()));
        Assert.Equal([1, 2, 3, 4], log.Select(a => a!["attempt"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_client_error_other_than_429_is_not_retried()
    {
        await MeetCustomerAsync();
        Receiver.AnswerNextWith(400);

        await Client.ControlAsync(HttpMethod.Post, "/customers/typing", """{"identity":"46701234567"}""");
        var log = await Eventually.Until(
            async () => (await Client.ControlAsync(HttpMethod.Get, "/callbacks?trigger=EVENT_INBOUND")).AsArray(),
            l => l.Count == 1, "the recorded attempt");

        Assert.Equal("FAILED", log[0]!["outcome"]!.GetValue<string>());
        Assert.Equal(400, log[0]!["status_code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Redelivery_happens_while_later_callbacks_keep_flowing()
    {
        await MeetCustomerAsync();
        Receiver.AnswerNextWith(503);

        await Client.ControlAsync(HttpMethod.Post, "/customers/typing", """{"identity":"46701234567"}""");
        await Client.ControlAsync(HttpMethod.Post, "/customers/typing", """{"identity":"46701234567","stopped":true}""");
        var delivered = await Receiver.WaitForAsync(c => c.TriggerField == "event" && c.AnsweredWith == 200, count: 2);

        Assert.Equal(2, delivered.Select(c => c.Json["event"]!["id"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public async Task Duplicate_mode_posts_every_callback_twice()
    {
        await Client.ControlAsync(HttpMethod.Put, "/callback-mode", """{"duplicates":1}""");

        var sent = await Client.ControlAsync(HttpMethod.Post, "/customers/text", """{"identity":"46701234567","text":"hi"}""");
        var copies = await Receiver.WaitForAsync(c => c.TriggerField == "message", count: 2);

        Assert.All(copies, c => Assert.Equal(sent["id"]!.GetValue<string>(), c.Json["message"]!["id"]!.GetValue<string>()));
        Assert.Equal(copies[0].Text, copies[1].Text);
        Assert.NotEqual(copies[0].Header("x-sinch-webhook-signature-nonce"), copies[1].Header("x-sinch-webhook-signature-nonce"));
    }

    [Fact]
    public async Task Reorder_mode_posts_held_callbacks_in_reverse_order()
    {
        await Client.ControlAsync(HttpMethod.Put, "/delivery-scripts/default", """
            {"steps":[{"status":"QUEUED_ON_CHANNEL"},{"status":"DELIVERED"},{"status":"READ"}]}
            """);
        await Client.ControlAsync(HttpMethod.Post, "/customers/text", """{"identity":"46701234567","text":"open the window"}""");
        await Receiver.WaitForAsync("message");
        await Client.ControlAsync(HttpMethod.Put, "/callback-mode", """{"reorder_window":3,"reorder_hold_ms":5000}""");

        var messageId = (await Client.SendTextAsync("46701234567"))["message_id"]!.GetValue<string>();
        var reports = await Receiver.WaitForReportsAsync(messageId, 3);

        Assert.Equal(["READ", "DELIVERED", "QUEUED_ON_CHANNEL"], reports.Select(r => r.Status()));
    }

    /// <summary>A first contact also posts CONTACT_CREATE; get it out of the way so scripted answers hit the callback under test.</summary>
    private async Task MeetCustomerAsync()
    {
        await Client.ControlAsync(HttpMethod.Post, "/customers/opt-in", """{"identity":"46701234567"}""");
        await Receiver.WaitForAsync("opt_in_notification");
    }

    [Fact]
    public async Task Webhook_without_a_secret_gets_unsigned_callbacks()
    {
        await Client.CreateWebhookAsync(Receiver.BaseUrl + "/webhooks/unsigned", "", "OPT_IN");

        await Client.ControlAsync(HttpMethod.Post, "/customers/opt-in", """{"identity":"46701234567"}""");
        var callback = (await Receiver.WaitForAsync(c => c.Path == "/webhooks/unsigned"))[0];

        Assert.Null(callback.Header("x-sinch-webhook-signature"));
        Assert.Null(callback.Header("x-sinch-webhook-signature-nonce"));
    }
}

public sealed class CallbackGiveUpTests
{
    [Fact]
    public async Task Unreachable_webhook_is_abandoned_after_the_configured_attempts()
    {
        await using var factory = new EmulatorFactory(new Dictionary<string, string?>
        {
            ["Emulator:Callbacks:MaxAttempts"] = "3",
            ["Emulator:Apps:0:Webhooks:0:Target"] = "http://127.0.0.1:1/webhooks/sinch",
            ["Emulator:Apps:0:Webhooks:0:Triggers:0"] = "OPT_OUT",
        });
        var client = new EmulatorClient(factory.CreateClient());

        await client.ControlAsync(HttpMethod.Post, "/customers/opt-out", """{"identity":"46701234567"}""");
        var log = await Eventually.Until(async () => (await client.ControlAsync(HttpMethod.Get, "/callbacks")).AsArray(),
            l => l.Count == 3, "three attempts");

        Assert.Equal(["RETRY_SCHEDULED", "RETRY_SCHEDULED", "FAILED"], log.Select(a => a!["outcome"]!.GetValue<string>()));
        Assert.All(log, a => Assert.NotNull(a!["error"]));
    }
}
