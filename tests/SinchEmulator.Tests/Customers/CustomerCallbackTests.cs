using System.Net;
using Platform.SinchEmulator.Tests.Support;

namespace Platform.SinchEmulator.Tests.Customers;

public sealed class CustomerCallbackTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private EmulatorClient Client => fixture.Emulator.Client;
    private CallbackReceiver Receiver => fixture.Emulator.Receiver;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Customer_text_posts_a_signed_message_inbound_in_the_documented_shape()
    {
        var sent = await Client.ControlAsync(HttpMethod.Post, "/customers/text", """{"identity":"46701234567","text":"Hi, I need help with order 4711"}""");

        var callback = await Receiver.WaitForAsync("message");

        Assert.True(SignatureCheck.IsValid(callback, EmulatorWithReceiver.WebhookSecret));
        Assert.Equal("HmacSHA256", callback.Header("x-sinch-webhook-signature-algorithm"));
        Assert.Matches("^[0-9]{10}$", callback.Header("x-sinch-webhook-signature-timestamp")!);
        Assert.StartsWith("application/json", callback.Header("content-type"), StringComparison.Ordinal);
        var json = callback.Json;
        Assert.Equal(["app_id", "accepted_time", "event_time", "project_id", "message", "message_metadata", "correlation_id"], json.Select(p => p.Key));
        Assert.Equal(EmulatorFactory.ProjectId, json["project_id"]!.GetValue<string>());
        var message = json["message"]!.AsObject();
        Assert.Equal(["id", "direction", "contact_message", "channel_identity", "conversation_id", "contact_id", "metadata",
            "accept_time", "sender_id", "processing_mode", "injected"], message.Select(p => p.Key));
        Assert.Equal(sent["id"]!.GetValue<string>(), message["id"]!.GetValue<string>());
        Assert.Equal("TO_APP", message["direction"]!.GetValue<string>());
        Assert.Equal("""{"text_message":{"text":"Hi, I need help with order 4711"}}""", message["contact_message"]!.ToJsonString());
        Assert.Equal("""{"channel":"WHATSAPP","identity":"46701234567","app_id":""}""", message["channel_identity"]!.ToJsonString());
        Assert.Equal("46709876543", message["sender_id"]!.GetValue<string>());
        Assert.Equal("CONVERSATION", message["processing_mode"]!.GetValue<string>());
        Assert.False(message["injected"]!.GetValue<bool>());
    }

    [Fact]
    public async Task First_message_of_a_new_customer_creates_the_contact_and_starts_a_conversation()
    {
        var sent = await Client.ControlAsync(HttpMethod.Post, "/customers/text", """{"identity":"46701230001","text":"hello"}""");
        await Receiver.WaitForAsync("message");

        var ofThisCustomer = Receiver.Received.Where(c => c.Text.Contains(sent["contact_id"]!.GetValue<string>(), StringComparison.Ordinal)).ToList();
        Assert.Equal(["contact_create_notification", "conversation_start_notification", "message"], ofThisCustomer.Select(c => c.TriggerField));
        var conversation = ofThisCustomer[1].Json["conversation_start_notification"]!["conversation"]!;
        Assert.Equal(sent["conversation_id"]!.GetValue<string>(), conversation["id"]!.GetValue<string>());
        Assert.True(conversation["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Second_message_continues_the_same_conversation_without_a_new_start()
    {
        var first = await Client.ControlAsync(HttpMethod.Post, "/customers/text", """{"identity":"46701230002","text":"one"}""");
        var second = await Client.ControlAsync(HttpMethod.Post, "/customers/text", """{"identity":"46701230002","text":"two"}""");

        await Receiver.WaitForAsync(c => c.TriggerField == "message", count: 2);

        Assert.Equal(first["conversation_id"]!.GetValue<string>(), second["conversation_id"]!.GetValue<string>());
        Assert.Single(Receiver.Received, c => c.TriggerField == "conversation_start_notification");
    }

    [Fact]
    public async Task Display_name_is_on_the_contact_not_in_the_callback()
    {
        var sent = await Client.ControlAsync(HttpMethod.Post, "/customers/text",
            """{"identity":"46701230003","display_name":"Maria Svensson","text":"hi"}""");
        var callback = await Receiver.WaitForAsync("message");

        var contact = await Client.CallOkAsync(HttpMethod.Get, $"/contacts/{sent["contact_id"]}");

        Assert.Equal("Maria Svensson", contact["display_name"]!.GetValue<string>());
        Assert.DoesNotContain("Maria", callback.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Customer_without_a_display_name_is_unknown()
    {
        var sent = await Client.ControlAsync(HttpMethod.Post, "/customers/text", """{"identity":"46701230004","text":"hi"}""");

        var contact = await Client.CallOkAsync(HttpMethod.Get, $"/contacts/{sent["contact_id"]}");

        Assert.Equal("Unknown", contact["display_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_new_display_name_posts_contact_update()
    {
        await Client.ControlAsync(HttpMethod.Post, "/customers/text", """{"identity":"46701230005","text":"hi"}""");
        await Client.ControlAsync(HttpMethod.Post, "/customers/text", """{"identity":"46701230005","display_name":"Maria","text":"again"}""");

        var update = await Receiver.WaitForAsync("contact_update_notification");

        Assert.Equal("Maria", update.Json["contact_update_notification"]!["contact"]!["display_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Customer_media_is_hosted_at_a_public_url_the_callback_points_to()
    {
        var sent = await Client.ControlAsync(HttpMethod.Post, "/customers/media",
            """{"identity":"46701234567","content_base64":"SGVsbG8=","content_type":"text/plain","file_name":"note.txt"}""");
        var callback = await Receiver.WaitForAsync("message");

        var url = callback.Json["message"]!["contact_message"]!["media_message"]!["url"]!.GetValue<string>();
        using var file = await Client.Http.GetAsync(new Uri(url).PathAndQuery);

        Assert.Equal(sent["media_url"]!.GetValue<string>(), url);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/plain", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Hello", await file.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Hosted_media_stops_being_served_once_expired()
    {
        var sent = await Client.ControlAsync(HttpMethod.Post, "/customers/media", """{"identity":"46701234567","expires_in_seconds":0}""");

        using var file = await Client.Http.GetAsync(new Uri(sent["media_url"]!.GetValue<string>()).PathAndQuery);

        Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
    }

    [Fact]
    public async Task Quoted_reply_carries_reply_to_with_the_quoted_message_id()
    {
        var outbound = (await Client.SendTextAsync("46701234567", "Your order ships today"))["message_id"]!.GetValue<string>();

        await Client.ControlAsync(HttpMethod.Post, "/customers/text",
            """{"identity":"46701234567","text":"Which one?","reply_to_message_id":"@quoted"}""".Replace("@quoted", outbound, StringComparison.Ordinal));
        var callback = await Receiver.WaitForAsync("message");

        Assert.Equal("""{"text_message":{"text":"Which one?"},"reply_to":{"message_id":"@quoted"}}""".Replace("@quoted", outbound, StringComparison.Ordinal),
            callback.Json["message"]!["contact_message"]!.ToJsonString());
    }

    [Fact]
    public async Task Customer_location_posts_a_location_message()
    {
        await Client.ControlAsync(HttpMethod.Post, "/customers/location",
            """{"identity":"46701234567","latitude":59.3293,"longitude":18.0686,"title":"Home","label":"Stockholm"}""");

        var callback = await Receiver.WaitForAsync("message");

        Assert.Equal("""{"location_message":{"coordinates":{"latitude":59.3293,"longitude":18.0686},"title":"Home","label":"Stockholm"}}""",
            callback.Json["message"]!["contact_message"]!.ToJsonString());
    }

    [Fact]
    public async Task Choice_response_carries_the_postback_and_the_offering_sends_metadata()
    {
        var offer = (await Client.SendAsync("""
            {"app_id":"@app","recipient":{"identified_by":{"channel_identities":[{"channel":"WHATSAPP","identity":"46701234567"}]}},
             "message":{"choice_message":{"text_message":{"text":"Was your issue solved?"},
               "choices":[{"text_message":{"text":"Yes"},"postback_data":"csat_yes"},{"text_message":{"text":"No, talk to an agent"},"postback_data":"handoff"}]}},
             "message_metadata":"out-42"}
            """))["message_id"]!.GetValue<string>();

        await Client.ControlAsync(HttpMethod.Post, "/customers/choice",
            """{"identity":"46701234567","message_id":"@offer","choice_index":1}""".Replace("@offer", offer, StringComparison.Ordinal));
        var message = (await Receiver.WaitForAsync("message")).Json["message"]!;

        Assert.Equal("""{"choice_response_message":{"message_id":"@offer","postback_data":"handoff"}}""".Replace("@offer", offer, StringComparison.Ordinal),
            message["contact_message"]!.ToJsonString());
        Assert.Equal("out-42", message["metadata"]!.GetValue<string>());
    }

    [Fact]
    public async Task Choice_without_postback_data_answers_message_id_and_text()
    {
        var offer = (await Client.SendAsync("""
            {"app_id":"@app","recipient":{"identified_by":{"channel_identities":[{"channel":"WHATSAPP","identity":"46701234567"}]}},
             "message":{"choice_message":{"text_message":{"text":"Pick"},"choices":[{"text_message":{"text":"Yes"}}]}}}
            """))["message_id"]!.GetValue<string>();

        await Client.ControlAsync(HttpMethod.Post, "/customers/choice",
            """{"identity":"46701234567","message_id":"@offer","choice_index":0}""".Replace("@offer", offer, StringComparison.Ordinal));
        var message = (await Receiver.WaitForAsync("message")).Json["message"]!;

        Assert.Equal($"{offer}_Yes", message["contact_message"]!["choice_response_message"]!["postback_data"]!.GetValue<string>());
    }

    [Fact]
    public async Task Opt_out_posts_an_opt_out_notification()
    {
        var sent = await Client.ControlAsync(HttpMethod.Post, "/customers/opt-out", """{"identity":"46701234567","channel":"SMS"}""");

        var notification = (await Receiver.WaitForAsync("opt_out_notification")).Json["opt_out_notification"]!;

        Assert.Equal(sent["id"]!.GetValue<string>(), notification["request_id"]!.GetValue<string>());
        Assert.Equal(sent["contact_id"]!.GetValue<string>(), notification["contact_id"]!.GetValue<string>());
        Assert.Equal("SMS", notification["channel"]!.GetValue<string>());
        Assert.Equal("46701234567", notification["identity"]!.GetValue<string>());
        Assert.Equal("OPT_OUT_SUCCEEDED", notification["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Opt_in_posts_an_opt_in_notification()
    {
        await Client.ControlAsync(HttpMethod.Post, "/customers/opt-in", """{"identity":"46701234567"}""");

        var notification = (await Receiver.WaitForAsync("opt_in_notification")).Json["opt_in_notification"]!;

        Assert.Equal("OPT_IN_SUCCEEDED", notification["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Typing_posts_a_composing_event()
    {
        await Client.ControlAsync(HttpMethod.Post, "/customers/typing", """{"identity":"46701234567"}""");

        var inboundEvent = (await Receiver.WaitForAsync("event")).Json["event"]!;

        Assert.Equal("""{"composing_event":{}}""", inboundEvent["contact_event"]!.ToJsonString());
        Assert.Equal("TO_APP", inboundEvent["direction"]!.GetValue<string>());
    }

    [Fact]
    public async Task Conversation_metadata_and_correlation_id_of_a_send_come_back_on_later_customer_messages()
    {
        await Client.SendTextAsync("46701230009", extra: ""","conversation_metadata":{"ticket":"T-1001"},"correlation_id":"conv-2f1e" """);
        await Client.ControlAsync(HttpMethod.Post, "/customers/text", """{"identity":"46701230009","text":"thanks"}""");

        var json = (await Receiver.WaitForAsync("message")).Json;

        Assert.Equal("""{"ticket":"T-1001"}""", json["message_metadata"]!.GetValue<string>());
        Assert.Equal("conv-2f1e", json["correlation_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_channel_is_refused_by_the_control_api()
    {
        using var response = await Client.Http.PostAsync("/emulator/customers/text",
            new StringContent("""{"identity":"46701234567","channel":"KAKAOTALK","text":"hi"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
