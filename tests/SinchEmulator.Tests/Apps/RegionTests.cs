using System.Net;
using System.Net.Http.Headers;
using Platform.SinchEmulator.Tests.Support;

namespace Platform.SinchEmulator.Tests.Apps;

/// <summary>One host stands for Sinch's regional hosts: <c>/regions/{region}/v1/…</c> hides apps of other regions.</summary>
public sealed class RegionTests : IAsyncLifetime
{
    private const string EuAppId = "01JEUAPP00000000000000EU01";
    private readonly EmulatorFactory _factory = new(new Dictionary<string, string?>
    {
        ["Emulator:Apps:1:Id"] = EuAppId,
        ["Emulator:Apps:1:Region"] = "eu",
        ["Emulator:Apps:1:Channels:0:Channel"] = "SMS",
    });

    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _http = _factory.CreateClient();
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", EmulatorClient.BasicCredentials());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _factory.DisposeAsync();
    }

    [Theory]
    [InlineData("us", EmulatorFactory.AppId, HttpStatusCode.OK)]
    [InlineData("eu", EmulatorFactory.AppId, HttpStatusCode.NotFound)]
    [InlineData("eu", EuAppId, HttpStatusCode.OK)]
    [InlineData("us", EuAppId, HttpStatusCode.NotFound)]
    public async Task An_app_is_found_only_in_its_own_region(string region, string appId, HttpStatusCode expected)
    {
        using var response = await _http.GetAsync(new Uri($"/regions/{region}{EmulatorClient.ProjectPath}/apps/{appId}", UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_region_prefix_every_app_is_found()
    {
        using var response = await _http.GetAsync(new Uri($"{EmulatorClient.ProjectPath}/apps/{EuAppId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Messages_are_listed_from_a_start_time()
    {
        var client = new EmulatorClient(_http);
        var sent = await client.SendTextAsync("46701111111");
        var after = DateTimeOffset.UtcNow.AddMinutes(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var before = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);

        var none = await client.CallOkAsync(HttpMethod.Get, $"/messages?app_id={EmulatorFactory.AppId}&start_time={Uri.EscapeDataString(after)}");
        var some = await client.CallOkAsync(HttpMethod.Get, $"/messages?app_id={EmulatorFactory.AppId}&start_time={Uri.EscapeDataString(before)}");

        Assert.Empty(none["messages"]!.AsArray());
        Assert.Contains(some["messages"]!.AsArray(), m => m!["id"]!.GetValue<string>() == sent["message_id"]!.GetValue<string>());
    }
}
