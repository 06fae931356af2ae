using System.Net;
using System.Net.Http.Json;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;

namespace Platform.Ingress.Tests.Webhooks;

/// <summary>
/// A signed request replayed within the timestamp window is refused; only a 200 records its nonce, so Sinch's retry
/// of a request that got 503 passes (docs/sinch-wire-format.md, "Replays").
/// </summary>
public sealed class ReplayedNonceTests : IAsyncLifetime
{
    private volatile bool _brokerDown;
    private IngressApp _app = null!;
    private HttpClient _client = null!;

    private IngressApp Start(int capacity = 1_000) => new(
        new Dictionary<string, string?>(IngressApp.Defaults) { ["Ingress:ReplayCacheCapacity"] = capacity.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        harness: x => x.UsingInMemory((context, bus) =>
        {
            bus.ConfigurePublish(publish => publish.UseExecute(_ =>
            {
                if (_brokerDown)
                {
                    throw new InvalidOperationException("The broker is unreachable (test).");
                }
            }));
            bus.ConfigureEndpoints(context);
        }));

    public async Task InitializeAsync()
    {
        _app = Start();
        _client = _app.CreateClient();
        await _app.Services.GetRequiredService<ITestHarness>().Start();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<HttpStatusCode> SendAsync(HttpClient client, string body, string nonce, DateTimeOffset at)
    {
        using var request = TestSigner.Request(body, nonce: nonce, at: at);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task The_same_signed_request_sent_again_within_the_window_gets_401()
    {
        var at = DateTimeOffset.UtcNow;
        var body = CallbackSamples.Text("01JW3REPLAY000000000000001");
        using var first = TestSigner.Request(body, nonce: "01JW3NONCE0000000000000001", at: at);
        using var replay = TestSigner.Request(body, nonce: "01JW3NONCE0000000000000001", at: at);

        using var accepted = await _client.SendAsync(first);
        using var refused = await _client.SendAsync(replay);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal(Problems.ReplayedNonce, problem!.Type);
    }

    [Fact]
    public async Task A_retry_with_the_nonce_of_a_request_that_got_503_is_accepted_and_then_refused_as_a_replay()
    {
        var at = DateTimeOffset.UtcNow;
        var body = CallbackSamples.Delivery("DELIVERED");
        const string nonce = "01JW3NONCE0000000000000503";

        _brokerDown = true;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await SendAsync(_client, body, nonce, at));
        _brokerDown = false;
        Assert.Equal(HttpStatusCode.OK, await SendAsync(_client, body, nonce, at));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(_client, body, nonce, at));
        Assert.Single(_app.Services.GetRequiredService<ITestHarness>().Published.Select<DeliveryReportReceived>());
    }

    [Fact]
    public async Task A_nonce_is_refused_only_for_the_same_app_and_acknowledged_callbacks_record_it_too()
    {
        var at = DateTimeOffset.UtcNow;
        const string nonce = "01JW3NONCE0000000000000ACK";

        // A trigger the platform does not use is acknowledged without publishing; its replay is refused all the same.
        Assert.Equal(HttpStatusCode.OK, await SendAsync(_client, CallbackSamples.RecordNotification, nonce, at));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(_client, CallbackSamples.RecordNotification, nonce, at));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(_client, CallbackSamples.Text("01JW3OTHERNONCE00000000001"), "01JW3NONCE0000000000000NEW", at));
    }

    [Fact]
    public async Task The_same_nonce_for_another_app_is_not_a_replay()
    {
        const string otherApp = "01JW3OTHERAPP0000000000000";
        const string otherSecret = "other-app-webhook-secret";
        await using var twoApps = new IngressApp(new Dictionary<string, string?>(IngressApp.Defaults)
        {
            [$"Ingress:Apps:{otherApp}:WebhookSecret"] = otherSecret,
        });
        using var client = twoApps.CreateClient();
        await twoApps.Services.GetRequiredService<ITestHarness>().Start();
        var at = DateTimeOffset.UtcNow;
        const string nonce = "01JW3NONCE00000000000SHARED";

        using var first = await client.SendAsync(TestSigner.Request(CallbackSamples.Text("01JW3FIRSTAPP0000000000001"), nonce: nonce, at: at));
        var otherBody = CallbackSamples.Text("01JW3SECONDAPP000000000001").Replace(CallbackSamples.AppId, otherApp, StringComparison.Ordinal);
        using var second = await client.SendAsync(TestSigner.Request(otherBody, appId: otherApp, secret: otherSecret, nonce: nonce, at: at));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task A_rejected_request_does_not_record_its_nonce()
    {
        var at = DateTimeOffset.UtcNow;
        const string nonce = "01JW3NONCE0000000000000400";

        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync(_client, "{not json", nonce, at));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(_client, CallbackSamples.Text("01JW3AFTER400000000000001"), nonce, at));
    }

    [Fact]
    public async Task When_the_cache_is_full_the_nonce_that_expires_first_is_forgotten_first()
    {
        await using var small = Start(capacity: 2);
        using var client = small.CreateClient();
        await small.Services.GetRequiredService<ITestHarness>().Start();
        var now = DateTimeOffset.UtcNow;
        var body = CallbackSamples.Text("01JW3SMALLCACHE00000000001");

        Assert.Equal(HttpStatusCode.OK, await SendAsync(client, body, "oldest", now.AddSeconds(-60)));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(client, body, "middle", now.AddSeconds(-30)));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(client, body, "newest", now));

        Assert.Equal(HttpStatusCode.OK, await SendAsync(client, body, "oldest", now.AddSeconds(-60)));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(client, body, "newest", now));
    }
}
