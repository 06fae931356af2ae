using System.Diagnostics;
using System.Net;
using Platform.Contracts;
using Platform.Ingress.Callbacks;
using Platform.Testing;

namespace Platform.Ingress.Tests.Webhooks;

/// <summary>Signed callbacks posted to the real ingress arrive on a real RabbitMQ; a stopped broker gives 503.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class WebhookPublishingTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private async Task<(IngressApp App, HttpClient Client, BusListener Listener)> StartAsync(string brokerConnectionString)
    {
        var listener = await BusListener.StartAsync(infrastructure.RabbitMqConnectionString);
        var app = new IngressApp(IngressApp.Defaults, brokerConnectionString);
        return (app, app.CreateClient(), listener);
    }

    private static async Task<T> ArrivesAsync<T>(BusListener listener, Func<T, bool> match, string what) =>
        (await Eventually.ReturnsAsync(
            () => Task.FromResult(listener.Received<T>().Where(r => match(r.Message)).ToList()),
            found => found.Count > 0,
            what,
            Deadline))[0].Message;

    [Fact]
    public async Task Text_media_quoted_reply_and_opt_out_arrive_on_the_bus_with_their_content()
    {
        var (app, client, listener) = await StartAsync(infrastructure.RabbitMqConnectionString);
        await using var _ = listener;
        using var __ = app;
        using var ___ = client;

        foreach (var body in new[]
        {
            CallbackSamples.Text("01JINTTEXT0000000000000001", "Where is my parcel?"),
            CallbackSamples.MediaReply,
            CallbackSamples.Consent("opt_out_notification", "OPT_OUT_SUCCEEDED"),
        })
        {
            using var response = await client.SendAsync(TestSigner.Request(body));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var text = await ArrivesAsync<InboundMessageReceived>(listener, m => m.SinchMessageId == "01JINTTEXT0000000000000001", "the text arrives");
        Assert.Equal(InboundMessageKinds.Text, text.Kind);
        Assert.Equal("Where is my parcel?", text.Text);
        Assert.Equal("46701234567", text.Identity.Identity);

        var media = await ArrivesAsync<InboundMessageReceived>(listener, m => m.SinchMessageId == "01JMSG9P1R3T5W7Y9A1C3E5G7J", "the quoted media reply arrives");
        Assert.Equal(InboundMessageKinds.Media, media.Kind);
        Assert.Equal("https://media.example-sinch-cdn.net/in/01JMSG9P1R.jpg", media.Media!.Url);
        Assert.Equal("01JMSG8N0Q2S4V6X8Z0B2D4F6H", media.QuotedMessageId);
        Assert.Equal("T-1001", media.Metadata["ticket"]);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 9, 26, 53, 571, TimeSpan.Zero), media.ReceivedAt);

        var optOut = await ArrivesAsync<ConsentChangeReported>(listener, _ => true, "the opt-out arrives");
        Assert.Equal("OPT_OUT", optOut.Change);
        Assert.Equal("OPT_OUT_SUCCEEDED", optOut.Status);
        Assert.Equal("01JCNT4B6D8F0H2K4M6P8R0T2V", optOut.SinchContactId);
    }

    [Fact]
    public async Task Redelivered_callback_arrives_twice_with_one_message_id()
    {
        var (app, client, listener) = await StartAsync(infrastructure.RabbitMqConnectionString);
        await using var _ = listener;
        using var __ = app;
        using var ___ = client;
        var body = CallbackSamples.Text("01JINTREDELIVERY0000000001");

        using (var first = await client.SendAsync(TestSigner.Request(body)))
        using (var again = await client.SendAsync(TestSigner.Request(body)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        var copies = await Eventually.ReturnsAsync(
            () => Task.FromResult(listener.Received<InboundMessageReceived>().Where(r => r.Message.SinchMessageId == "01JINTREDELIVERY0000000001").ToList()),
            found => found.Count == 2,
            "both deliveries arrive",
            Deadline);
        var expected = CallbackMessageIds.For(CallbackSamples.AppId, Triggers.MessageInbound, "01JINTREDELIVERY0000000001");
        Assert.All(copies, c => Assert.Equal(expected, c.MessageId));
    }

    [Fact]
    public async Task With_the_broker_stopped_the_webhook_answers_503_in_bounded_time_and_a_retry_succeeds_once_it_is_back()
    {
        await using var proxy = infrastructure.StartBrokerProxy();
        var (app, client, listener) = await StartAsync(proxy.ConnectionString);
        await using var _ = listener;
        using var __ = app;
        using var ___ = client;

        using (var warmUp = await client.SendAsync(TestSigner.Request(CallbackSamples.Text("01JINTWARMUP00000000000001"))))
        {
            Assert.Equal(HttpStatusCode.OK, warmUp.StatusCode);
        }

        proxy.Cut();
        var body = CallbackSamples.Delivery("DELIVERED");

        // Sinch's retry of a request repeats its nonce: a 503 must not record it.
        const string nonce = "01JW5BROKERDOWNNONCE000001";
        var signedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using (var down = await client.SendAsync(TestSigner.Request(body, nonce: nonce, at: signedAt)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(down.Headers.RetryAfter);
        }

        // PublishTimeoutMs is 2 s in these tests: the answer must not wait for the broker to come back.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"503 took {clock.Elapsed}");

        proxy.Restore();
        await Eventually.TrueAsync(
            async () =>
            {
                using var retry = await client.SendAsync(TestSigner.Request(body, nonce: nonce, at: signedAt));
                return retry.StatusCode == HttpStatusCode.OK;
            },
            "a redelivery with the same nonce is accepted after the broker is back",
            TimeSpan.FromSeconds(45));
        using (var replay = await client.SendAsync(TestSigner.Request(body, nonce: nonce, at: signedAt)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        }

        var report = await ArrivesAsync<DeliveryReportReceived>(listener, r => r.Status == "DELIVERED", "the delivery report arrives");
        Assert.Equal("01JMSG8N0Q2S4V6X8Z0B2D4F6H", report.SinchMessageId);
    }
}
