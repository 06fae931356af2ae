using System.Net;
using Platform.SinchEmulator.Tests.Support;

namespace Platform.SinchEmulator.Tests.Webhooks;

public sealed class WebhooksApiTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private EmulatorClient Client => fixture.Emulator.Client;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Seeded_webhook_is_listed_for_its_app()
    {
        var list = await Client.CallOkAsync(HttpMethod.Get, $"/apps/{EmulatorFactory.AppId}/webhooks");

        var webhook = Assert.Single(list["webhooks"]!.AsArray())!;
        Assert.Equal(fixture.Emulator.WebhookId, webhook["id"]!.GetValue<string>());
        Assert.Equal(fixture.Emulator.Receiver.WebhookUrl, webhook["target"]!.GetValue<string>());
        Assert.Equal("HTTP", webhook["target_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Webhook_is_created_fetched_and_deleted()
    {
        var created = await Client.CreateWebhookAsync("https://platform.example.com/webhooks/sinch/a", "secret", "MESSAGE_INBOUND", "MESSAGE_DELIVERY");
        var id = created["id"]!.GetValue<string>();

        var fetched = await Client.CallOkAsync(HttpMethod.Get, $"/webhooks/{id}");
        var deleted = await Client.CallOkAsync(HttpMethod.Delete, $"/webhooks/{id}");
        using var afterDelete = await Client.CallAsync(HttpMethod.Get, $"/webhooks/{id}");

        Assert.Equal(EmulatorFactory.AppId, fetched["app_id"]!.GetValue<string>());
        Assert.Equal("secret", fetched["secret"]!.GetValue<string>());
        Assert.Equal(["MESSAGE_INBOUND", "MESSAGE_DELIVERY"], fetched["triggers"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Empty(deleted);
        Assert.Equal(HttpStatusCode.NotFound, afterDelete.StatusCode);
    }

    [Fact]
    public async Task Patch_with_an_update_mask_changes_only_the_masked_fields()
    {
        var id = (await Client.CreateWebhookAsync("https://platform.example.com/hook", "old", "MESSAGE_INBOUND"))["id"]!.GetValue<string>();

        var patched = await Client.CallOkAsync(HttpMethod.Patch, $"/webhooks/{id}?update_mask=triggers",
            """{"triggers":["MESSAGE_INBOUND","OPT_OUT"],"secret":"ignored"}""");

        Assert.Equal(["MESSAGE_INBOUND", "OPT_OUT"], patched["triggers"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("old", patched["secret"]!.GetValue<string>());
    }

    [Fact]
    public async Task Same_target_twice_on_one_app_is_rejected_with_400()
    {
        await Client.CreateWebhookAsync("https://platform.example.com/dup", "", "MESSAGE_INBOUND");

        using var response = await Client.CallAsync(HttpMethod.Post, "/webhooks",
            """{"app_id":"@app","target":"https://platform.example.com/dup","triggers":["MESSAGE_INBOUND"]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_ARGUMENT", (await EmulatorClient.ReadJsonAsync(response))["error"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sixth_webhook_on_an_app_is_rejected_with_400()
    {
        for (var i = 1; i <= 4; i++)
        {
            await Client.CreateWebhookAsync($"https://platform.example.com/hook{i}", "", "MESSAGE_INBOUND");
        }

        using var response = await Client.CallAsync(HttpMethod.Post, "/webhooks",
            """{"app_id":"@app","target":"https://platform.example.com/hook6","triggers":["MESSAGE_INBOUND"]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"app_id":"@app","target":"https://platform.example.com/x","triggers":["UNSPECIFIED_TRIGGER"]}""", "triggers")]
    [InlineData("""{"app_id":"@app","target":"https://platform.example.com/x","triggers":[]}""", "triggers")]
    [InlineData("""{"app_id":"@app","target":"not-a-url","triggers":["MESSAGE_INBOUND"]}""", "target")]
    [InlineData("""{"target":"https://platform.example.com/x","triggers":["MESSAGE_INBOUND"]}""", "app_id")]
    public async Task Invalid_webhook_is_rejected_at_its_field(string json, string field)
    {
        using var response = await Client.CallAsync(HttpMethod.Post, "/webhooks", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var violations = (await EmulatorClient.ReadJsonAsync(response))["error"]!["details"]![0]!["field_violations"]!.AsArray();
        Assert.Contains(violations, v => v!["field"]!.GetValue<string>() == field);
    }

    [Fact]
    public async Task Webhook_for_an_unknown_app_is_404()
    {
        using var response = await Client.CallAsync(HttpMethod.Post, "/webhooks",
            """{"app_id":"01JNOAPP000000000000000000","target":"https://platform.example.com/x","triggers":["MESSAGE_INBOUND"]}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
