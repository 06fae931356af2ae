using System.Net;
using Platform.SinchEmulator.Tests.Support;

namespace Platform.SinchEmulator.Tests.Messages;

public sealed class SendMessageTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private EmulatorClient Client => fixture.Emulator.Client;
    private CallbackReceiver Receiver => fixture.Emulator.Receiver;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Accepted_send_returns_a_message_id_and_accepted_time()
    {
        var accepted = await Client.SendTextAsync("46701234567");

        Assert.Matches("^[0-9A-Z]{26}$", accepted["message_id"]!.GetValue<string>());
        Assert.EndsWith("Z", accepted["accepted_time"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Default_script_reports_queued_delivered_and_read_in_order_signed()
    {
        var messageId = (await Client.SendTextAsync("46701234567", extra: ""","message_metadata":"out-7f3a9c","correlation_id":"conv-2f1e-msg-0042" """))["message_id"]!.GetValue<string>();

        var reports = await Receiver.WaitForReportsAsync(messageId, 3);

        Assert.Equal(["QUEUED_ON_CHANNEL", "DELIVERED", "READ"], reports.Select(r => r.Status()));
        Assert.All(reports, r => Assert.Equal("out-7f3a9c", r["metadata"]!.GetValue<string>()));
        Assert.All(reports, r => Assert.Equal("WHATSAPP", r["channel_identity"]!["channel"]!.GetValue<string>()));
        var callbacks = Receiver.Received.Where(c => c.TriggerField == "message_delivery_report").ToList();
        Assert.All(callbacks, c => Assert.True(SignatureCheck.IsValid(c, EmulatorWithReceiver.WebhookSecret)));
        Assert.All(callbacks, c => Assert.Equal("conv-2f1e-msg-0042", c.Json["correlation_id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Identity_script_reports_a_failure_with_its_reason()
    {
        await Client.ControlAsync(HttpMethod.Put, "/delivery-scripts/identities/46700000001", """
            {"steps":[{"status":"QUEUED_ON_CHANNEL"},
                      {"status":"FAILED","delay_ms":5,"reason":{"code":"OUTSIDE_ALLOWED_SENDING_WINDOW","description":"24h window closed"}}]}
            """);

        var messageId = (await Client.SendTextAsync("46700000001"))["message_id"]!.GetValue<string>();
        var reports = await Receiver.WaitForReportsAsync(messageId, 2);

        Assert.Equal(["QUEUED_ON_CHANNEL", "FAILED"], reports.Select(r => r.Status()));
        Assert.Equal("OUTSIDE_ALLOWED_SENDING_WINDOW", reports[1].ReasonCode());
        Assert.Equal("UNSPECIFIED_SUB_CODE", reports[1]["reason"]!["sub_code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Switching_channel_moves_to_the_next_channel_in_priority_order()
    {
        await Client.ControlAsync(HttpMethod.Put, "/delivery-scripts/default", """
            {"steps":[{"status":"SWITCHING_CHANNEL"},{"status":"DELIVERED"}]}
            """);

        var messageId = (await Client.SendAsync("""
            {"app_id":"@app",
             "recipient":{"identified_by":{"channel_identities":[{"channel":"SMS","identity":"46701234567"},{"channel":"WHATSAPP","identity":"46701234567"}]}},
             "message":{"text_message":{"text":"Your parcel is on its way."}},
             "channel_priority_order":["WHATSAPP","SMS"]}
            """))["message_id"]!.GetValue<string>();
        var reports = await Receiver.WaitForReportsAsync(messageId, 2);

        Assert.Equal(["SWITCHING_CHANNEL", "DELIVERED"], reports.Select(r => r.Status()));
        Assert.Equal("WHATSAPP", reports[0]["channel_identity"]!["channel"]!.GetValue<string>());
        Assert.Equal("SMS", reports[1]["channel_identity"]!["channel"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unreachable_media_fails_delivery_with_media_not_reachable()
    {
        var messageId = await SendMediaAsync("http://127.0.0.1:1/unreachable.jpg");

        var report = (await Receiver.WaitForReportsAsync(messageId, 1))[0];

        Assert.Equal("FAILED", report.Status());
        Assert.Equal("MEDIA_NOT_REACHABLE", report.ReasonCode());
    }

    [Fact]
    public async Task Expired_media_link_fails_delivery_with_media_not_reachable()
    {
        var messageId = await SendMediaAsync(Receiver.BaseUrl + "/files/expired-link.png");

        var report = (await Receiver.WaitForReportsAsync(messageId, 1))[0];

        Assert.Equal("MEDIA_NOT_REACHABLE", report.ReasonCode());
        Assert.Contains("404", report["reason"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reachable_media_is_fetched_before_it_is_delivered()
    {
        var messageId = await SendMediaAsync(Receiver.BaseUrl + "/files/picture.png");

        var reports = await Receiver.WaitForReportsAsync(messageId, 3);

        Assert.Equal("READ", reports[^1].Status());
        Assert.True(Receiver.MediaRequests >= 1);
        var fetches = await Client.ControlAsync(HttpMethod.Get, "/requests?direction=OUTGOING");
        Assert.Contains(fetches.AsArray(), f => f!["path"]!.GetValue<string>().EndsWith("/files/picture.png", StringComparison.Ordinal)
            && f["status_code"]!.GetValue<int>() == 200);
    }

    [Fact]
    public async Task Every_message_kind_the_platform_sends_is_accepted()
    {
        foreach (var kind in SendValidatorTests.EveryKindThePlatformSends)
        {
            var json = """
                {"app_id":"@app",
                 "recipient":{"identified_by":{"channel_identities":[{"channel":"WHATSAPP","identity":"46701234567"}]}},
                 "message":@kind}
                """.Replace("@kind", (string)kind[1], StringComparison.Ordinal);
            using var response = await Client.CallAsync(HttpMethod.Post, "/messages:send", json);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{kind[0]}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task Sent_message_can_be_read_back_as_sent()
    {
        var messageId = (await Client.SendTextAsync("46701234567", "Thanks!"))["message_id"]!.GetValue<string>();

        var message = await Client.CallOkAsync(HttpMethod.Get, $"/messages/{messageId}");

        Assert.Equal("TO_CONTACT", message["direction"]!.GetValue<string>());
        Assert.Equal("""{"text_message":{"text":"Thanks!"}}""", message["app_message"]!.ToJsonString());
    }

    [Fact]
    public async Task Malformed_json_is_rejected_with_400_in_sinch_error_shape()
    {
        using var response = await Client.CallAsync(HttpMethod.Post, "/messages:send", """{"app_id": """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await EmulatorClient.ReadJsonAsync(response))["error"]!;
        Assert.Equal(400, error["code"]!.GetValue<int>());
        Assert.Equal("INVALID_ARGUMENT", error["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Missing_recipient_is_rejected_with_a_field_violation()
    {
        using var response = await Client.CallAsync(HttpMethod.Post, "/messages:send",
            """{"app_id":"@app","message":{"text_message":{"text":"hi"}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await EmulatorClient.ReadJsonAsync(response))["error"]!["details"]![0]!;
        Assert.Equal("type.googleapis.com/google.rpc.BadRequest", detail["@type"]!.GetValue<string>());
        Assert.Equal("recipient", detail["field_violations"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_app_is_rejected_with_404()
    {
        using var response = await Client.CallAsync(HttpMethod.Post, "/messages:send",
            """{"app_id":"01JNOAPP000000000000000000","recipient":{"contact_id":"x"},"message":{"text_message":{"text":"hi"}}}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NOT_FOUND", (await EmulatorClient.ReadJsonAsync(response))["error"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Channel_not_configured_on_the_app_is_rejected_with_400()
    {
        using var response = await Client.CallAsync(HttpMethod.Post, "/messages:send", """
            {"app_id":"@app","recipient":{"contact_id":"x"},"message":{"text_message":{"text":"hi"}},
             "channel_priority_order":["KAKAOTALK"]}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_contact_fails_delivery_with_contact_not_found()
    {
        var messageId = (await Client.SendAsync("""
            {"app_id":"@app","recipient":{"contact_id":"01JNOCONTACT00000000000000"},"message":{"text_message":{"text":"hi"}}}
            """))["message_id"]!.GetValue<string>();

        var report = (await Receiver.WaitForReportsAsync(messageId, 1))[0];

        Assert.Equal("CONTACT_NOT_FOUND", report.ReasonCode());
    }

    [Fact]
    public async Task Rate_limit_answers_429_once_exceeded()
    {
        await Client.ControlAsync(HttpMethod.Put, "/rate-limit", """{"messages_per_second":0}""");

        using var response = await Client.CallAsync(HttpMethod.Post, "/messages:send", "{}");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("RESOURCE_EXHAUSTED", (await EmulatorClient.ReadJsonAsync(response))["error"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Injected_fault_answers_503_for_the_given_count_then_recovers()
    {
        await Client.ControlAsync(HttpMethod.Put, "/faults", """{"status_code":503,"count":2,"path_contains":"messages:send"}""");

        using var first = await Client.CallAsync(HttpMethod.Post, "/messages:send", "{}");
        using var second = await Client.CallAsync(HttpMethod.Post, "/messages:send", "{}");
        var third = await Client.SendTextAsync("46701234567");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal("UNAVAILABLE", (await EmulatorClient.ReadJsonAsync(second))["error"]!["status"]!.GetValue<string>());
        Assert.NotNull(third["message_id"]);
    }

    [Fact]
    public async Task Callback_url_receives_the_reports_signed_with_the_app_callback_secret()
    {
        var messageId = (await Client.SendTextAsync("46701234567",
            extra: ""","callback_url":"@receiverbase/webhooks/per-message" """.Replace("@receiverbase", Receiver.BaseUrl, StringComparison.Ordinal)))["message_id"]!.GetValue<string>();

        var callbacks = await Receiver.WaitForAsync(c => c.Path == "/webhooks/per-message", count: 3);

        Assert.All(callbacks, c => Assert.Equal(messageId, c.Json["message_delivery_report"]!["message_id"]!.GetValue<string>()));
        Assert.All(callbacks, c => Assert.True(SignatureCheck.IsValid(c, EmulatorFactory.CallbackUrlSecret)));
    }

    private async Task<string> SendMediaAsync(string url) =>
        (await Client.SendAsync("""
            {"app_id":"@app",
             "recipient":{"identified_by":{"channel_identities":[{"channel":"WHATSAPP","identity":"46701234567"}]}},
             "message":{"media_message":{"url":"@url"}}}
            """.Replace("@url", url, StringComparison.Ordinal)))["message_id"]!.GetValue<string>();
}
