using System.Net;
using Platform.SinchEmulator.Tests.Support;

namespace Platform.SinchEmulator.Tests.Webhooks;

public sealed class AppsApiTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private EmulatorClient Client => fixture.Emulator.Client;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task App_lists_its_channels_in_priority_order_with_tokens_masked()
    {
        var app = await Client.CallOkAsync(HttpMethod.Get, $"/apps/{EmulatorFactory.AppId}");

        Assert.Equal("CONVERSATION", app["processing_mode"]!.GetValue<string>());
        var channels = app["channel_credentials"]!.AsArray();
        Assert.Equal(["WHATSAPP", "SMS", "MESSENGER"], channels.Select(c => c!["channel"]!.GetValue<string>()));
        Assert.Equal("46709876543", channels[0]!["static_bearer"]!["claimed_identity"]!.GetValue<string>());
        Assert.Equal("****", channels[0]!["static_bearer"]!["token"]!.GetValue<string>());
        Assert.Equal("****", channels[2]!["static_token"]!["token"]!.GetValue<string>());
        Assert.Equal("ACTIVE", channels[0]!["state"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apps_are_listed()
    {
        var list = await Client.CallOkAsync(HttpMethod.Get, "/apps");

        Assert.Equal(EmulatorFactory.AppId, Assert.Single(list["apps"]!.AsArray())!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_app_is_404()
    {
        using var response = await Client.CallAsync(HttpMethod.Get, "/apps/01JNOAPP000000000000000000");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Health_endpoints_answer()
    {
        using var live = await Client.Http.GetAsync("/health/live");
        using var ready = await Client.Http.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}
