using System.Net;
using Platform.SinchEmulator.Tests.Support;

namespace Platform.SinchEmulator.Tests.Recording;

public sealed class RecordingTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private EmulatorClient Client => fixture.Emulator.Client;
    private CallbackReceiver Receiver => fixture.Emulator.Receiver;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_sinch_request_is_recorded_with_its_body_and_status()
    {
        await Client.SendTextAsync("46701234567", "recorded text");
        using var rejected = await Client.CallAsync(HttpMethod.Post, "/messages:send", "{}");

        var sends = (await Client.ControlAsync(HttpMethod.Get, "/requests?path_contains=messages:send")).AsArray();

        Assert.Equal(2, sends.Count);
        Assert.Contains("recorded text", sends[0]!["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal([200, 400], sends.Select(r => r!["status_code"]!.GetValue<int>()));
        Assert.All(sends, r => Assert.Equal("Bearer", r!["auth_scheme"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Token_requests_are_recorded_without_their_secrets()
    {
        await Client.FetchTokenAsync();

        var tokenRequests = (await Client.ControlAsync(HttpMethod.Get, "/requests?path_contains=oauth2")).AsArray();

        var request = Assert.Single(tokenRequests)!;
        Assert.Null(request["body"]);
        Assert.DoesNotContain(EmulatorFactory.KeySecret, request.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Control_calls_are_not_recorded()
    {
        await Client.ControlAsync(HttpMethod.Get, "/callback-mode");

        var requests = (await Client.ControlAsync(HttpMethod.Get, "/requests")).AsArray();

        Assert.Empty(requests);
    }

    [Fact]
    public async Task Posted_callbacks_are_recorded_with_their_outcome_and_body()
    {
        var sent = await Client.ControlAsync(HttpMethod.Post, "/customers/text", """{"identity":"46701234567","text":"hi"}""");
        await Receiver.WaitForAsync("message");

        var attempts = await Eventually.Until(
            async () => (await Client.ControlAsync(HttpMethod.Get, "/callbacks?trigger=MESSAGE_INBOUND")).AsArray(),
            a => a.Count == 1, "the recorded callback");

        var attempt = attempts[0]!;
        Assert.Equal("DELIVERED", attempt["outcome"]!.GetValue<string>());
        Assert.Equal(200, attempt["status_code"]!.GetValue<int>());
        Assert.Equal(fixture.Emulator.WebhookId, attempt["webhook_id"]!.GetValue<string>());
        Assert.Contains(sent["id"]!.GetValue<string>(), attempt["body"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_of_both_directions_are_listed_oldest_first()
    {
        await Client.SendTextAsync("46701234567", "out");
        await Client.ControlAsync(HttpMethod.Post, "/customers/text", """{"identity":"46701234567","text":"in"}""");

        var messages = (await Client.ControlAsync(HttpMethod.Get, "/messages")).AsArray();

        Assert.Equal(["TO_CONTACT", "TO_APP"], messages.Select(m => m!["message"]!["direction"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Reset_forgets_state_and_seeds_the_configuration_again()
    {
        var sent = await Client.ControlAsync(HttpMethod.Post, "/customers/text", """{"identity":"46701234567","text":"hi"}""");
        await Client.CreateWebhookAsync("https://platform.example.com/extra", "", "MESSAGE_INBOUND");

        await fixture.ResetAsync();

        using var contact = await Client.CallAsync(HttpMethod.Get, $"/contacts/{sent["contact_id"]}");
        var webhooks = await Client.CallOkAsync(HttpMethod.Get, $"/apps/{EmulatorFactory.AppId}/webhooks");
        Assert.Equal(HttpStatusCode.NotFound, contact.StatusCode);
        Assert.Equal(fixture.Emulator.WebhookId, Assert.Single(webhooks["webhooks"]!.AsArray())!["id"]!.GetValue<string>());
    }
}
