using System.Net;
using System.Net.Http.Json;
using System.Text;
using MassTransit.Testing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Ingress.Callbacks;

namespace Platform.Ingress.Tests.Webhooks;

public sealed class SinchWebhookEndpointTests : IAsyncLifetime, IDisposable
{
    private readonly IngressApp _app = new();
    private HttpClient _client = null!;
    private ITestHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _client = _app.CreateClient();
        _harness = _app.Services.GetRequiredService<ITestHarness>();
        await _harness.Start();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    public void Dispose() => _app.Dispose();

    private int PublishedCount => _harness.Published.Select<object>().Count();

    private static async Task<ProblemDetails> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal(type, problem!.Type);
        Assert.Equal((int)status, problem.Status);
        return problem;
    }

    [Fact]
    public async Task Signed_text_callback_is_published_with_a_deterministic_id_before_200()
    {
        using var response = await _client.SendAsync(TestSigner.Request(CallbackSamples.Text("01JMSGHTTP0000000000000001")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var published = Assert.Single(_harness.Published.Select<InboundMessageReceived>());
        Assert.Equal("01JMSGHTTP0000000000000001", published.Context.Message.SinchMessageId);
        Assert.Equal("Hi, I need help with order 4711", published.Context.Message.Text);
        Assert.Equal(CallbackMessageIds.For(CallbackSamples.AppId, "MESSAGE_INBOUND", "01JMSGHTTP0000000000000001"), published.Context.MessageId);
    }

    [Fact]
    public async Task Redelivered_callback_is_published_again_with_the_same_message_id()
    {
        var body = CallbackSamples.Text("01JMSGREDELIVER00000000001");
        using var accepted = _app.RecordCounter("platform.ingress.callbacks.accepted");
        using var first = await _client.SendAsync(TestSigner.Request(body));
        using var again = await _client.SendAsync(TestSigner.Request(body));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, accepted["trigger=MESSAGE_INBOUND"]);

        // The harness keeps one entry per message id, so two publishes with one id show as one.
        var published = Assert.Single(_harness.Published.Select<InboundMessageReceived>());
        Assert.Equal(CallbackMessageIds.For(CallbackSamples.AppId, "MESSAGE_INBOUND", "01JMSGREDELIVER00000000001"), published.Context.MessageId);
    }

    [Fact]
    public async Task Every_used_trigger_is_published_as_its_contract()
    {
        (string Body, Type Contract)[] cases =
        [
            (CallbackSamples.MediaReply, typeof(InboundMessageReceived)),
            (CallbackSamples.DeliveryFailed, typeof(DeliveryReportReceived)),
            (CallbackSamples.Composing, typeof(ContactComposingChanged)),
            (CallbackSamples.ConversationStop, typeof(SinchConversationStopped)),
            (CallbackSamples.ContactCreate, typeof(SinchContactChanged)),
            (CallbackSamples.Consent("opt_out_notification", "OPT_OUT_SUCCEEDED"), typeof(ConsentChangeReported)),
            (CallbackSamples.Capability, typeof(CapabilityReported)),
        ];

        foreach (var (body, contract) in cases)
        {
            using var response = await _client.SendAsync(TestSigner.Request(body));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(_harness.Published.Select<object>(), p => p.MessageType == contract);
        }
    }

    [Fact]
    public async Task Unsigned_callback_is_rejected_with_401_and_nothing_is_published()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/sinch/{CallbackSamples.AppId}")
        {
            Content = new StringContent(CallbackSamples.Text(), Encoding.UTF8, "application/json"),
        };
        using var response = await _client.SendAsync(request);

        await AssertProblem(response, HttpStatusCode.Unauthorized, Problems.InvalidSignature);
        Assert.Equal(0, PublishedCount);
    }

    [Fact]
    public async Task Callback_signed_with_another_secret_is_rejected_with_401()
    {
        using var response = await _client.SendAsync(TestSigner.Request(CallbackSamples.Text(), secret: "not-the-secret"));

        await AssertProblem(response, HttpStatusCode.Unauthorized, Problems.InvalidSignature);
        Assert.Equal(0, PublishedCount);
    }

    [Fact]
    public async Task Body_changed_after_signing_is_rejected_with_401()
    {
        using var request = TestSigner.Request(CallbackSamples.Text(text: "pay 10 EUR"));
        request.Content = new StringContent(CallbackSamples.Text(text: "pay 99 EUR"), Encoding.UTF8, "application/json");
        using var response = await _client.SendAsync(request);

        await AssertProblem(response, HttpStatusCode.Unauthorized, Problems.InvalidSignature);
    }

    [Theory]
    [InlineData(-10)]
    [InlineData(+10)]
    public async Task Correctly_signed_callback_with_a_stale_timestamp_is_rejected_with_401(int minutes)
    {
        using var response = await _client.SendAsync(TestSigner.Request(CallbackSamples.Text(), at: DateTimeOffset.UtcNow.AddMinutes(minutes)));

        await AssertProblem(response, HttpStatusCode.Unauthorized, Problems.StaleTimestamp);
        Assert.Equal(0, PublishedCount);
    }

    [Fact]
    public async Task Callback_for_an_unknown_app_is_rejected_with_404()
    {
        using var response = await _client.SendAsync(TestSigner.Request(CallbackSamples.Text(), appId: "01JUNKNOWNAPP0000000000000"));

        await AssertProblem(response, HttpStatusCode.NotFound, Problems.UnknownApp);
    }

    [Fact]
    public async Task Truncated_json_is_rejected_with_400()
    {
        var body = CallbackSamples.Text();
        using var response = await _client.SendAsync(TestSigner.Request(body[..(body.Length / 2)]));

        await AssertProblem(response, HttpStatusCode.BadRequest, Problems.MalformedJson);
        Assert.Equal(0, PublishedCount);
    }

    [Fact]
    public async Task Signed_callback_with_a_field_of_the_wrong_type_is_acknowledged_counted_and_not_published()
    {
        var body = CallbackSamples.Text().Replace("\"injected\":false", "\"injected\":\"no\"", StringComparison.Ordinal);
        using var unusable = _app.RecordCounter("platform.ingress.callbacks.unusable");
        using var response = await _client.SendAsync(TestSigner.Request(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, unusable["trigger=MESSAGE_INBOUND"]);
        Assert.Equal(0, PublishedCount);
    }

    [Fact]
    public async Task Body_over_the_limit_is_rejected_with_413()
    {
        var body = CallbackSamples.Text(text: new string('x', 5000));
        using var response = await _client.SendAsync(TestSigner.Request(body));

        await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, Problems.BodyTooLarge);
    }

    [Fact]
    public async Task Chunked_body_over_the_limit_is_rejected_with_413()
    {
        using var request = TestSigner.Request(CallbackSamples.Text(text: new string('x', 5000)));
        var bytes = await request.Content!.ReadAsByteArrayAsync();
        request.Content = new StreamContent(new NoLengthStream(bytes));
        using var response = await _client.SendAsync(request);

        await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, Problems.BodyTooLarge);
    }

    [Fact]
    public async Task Callback_naming_another_app_in_its_body_is_rejected_with_400()
    {
        var body = CallbackSamples.Text().Replace(CallbackSamples.AppId, "01JOTHERAPP000000000000000", StringComparison.Ordinal);
        using var response = await _client.SendAsync(TestSigner.Request(body));

        await AssertProblem(response, HttpStatusCode.BadRequest, Problems.AppMismatch);
    }

    [Theory]
    [InlineData(CallbackSamples.FutureTrigger, "UNKNOWN")]
    [InlineData(CallbackSamples.RecordNotification, "RECORD_NOTIFICATION")]
    public async Task Valid_callback_of_a_trigger_not_used_is_acknowledged_counted_and_not_published(string body, string trigger)
    {
        using var notUsed = _app.RecordCounter("platform.ingress.callbacks.not_used");
        using var response = await _client.SendAsync(TestSigner.Request(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, notUsed[$"trigger={trigger}"]);
        Assert.Equal(0, PublishedCount);
    }

    [Fact]
    public async Task Accepted_and_rejected_callbacks_are_counted_by_trigger_and_reason()
    {
        using var accepted = _app.RecordCounter("platform.ingress.callbacks.accepted");
        using var rejected = _app.RecordCounter("platform.ingress.callbacks.rejected");
        using var ok = await _client.SendAsync(TestSigner.Request(CallbackSamples.DeliveryFailed));
        using var bad = await _client.SendAsync(TestSigner.Request(CallbackSamples.DeliveryFailed, secret: "wrong"));

        Assert.Equal(1, accepted["trigger=MESSAGE_DELIVERY"]);
        Assert.Equal(1, rejected["reason=invalid_signature"]);
    }

    /// <summary>A body stream of unknown length, so the request goes out chunked without Content-Length.</summary>
    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
