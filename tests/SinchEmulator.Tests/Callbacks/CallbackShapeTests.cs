using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.SinchEmulator.Callbacks;
using Platform.SinchEmulator.Conversations;
using Platform.SinchEmulator.Messages;
using Platform.SinchEmulator.Wire;

namespace Platform.SinchEmulator.Tests.Callbacks;

public sealed class CallbackShapeTests
{
    private static DateTimeOffset At(string timestamp) => DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture);

    [Fact]
    public void Inbound_message_serialises_to_the_documented_vector_byte_for_byte()
    {
        var envelope = new CallbackEnvelope
        {
            AppId = "01HQ7ZK3M4V8N2B6C9D0E1F2G3",
            AcceptedTime = At("2025-03-14T09:26:53.589Z"),
            EventTime = At("2025-03-14T09:26:52Z"),
            ProjectId = "5b1f3c2e-8d4a-4e6b-9f7a-2c3d4e5f6a7b",
            Message = new ConversationMessage
            {
                Id = "01HQ7ZM8XW2P5R7T9V1X3Z5B7D",
                Direction = "TO_APP",
                ContactMessage = new JsonObject { ["text_message"] = new JsonObject { ["text"] = "Hi, I need help with order 4711" } },
                ChannelIdentity = new ChannelIdentity("WHATSAPP", "46701234567"),
                ConversationId = "01HQ7ZM8Y0A2C4E6G8J0L2N4Q6",
                ContactId = "01HQ7ZM8Y1B3D5F7H9K1M3P5R7",
                AcceptTime = At("2025-03-14T09:26:53.571Z"),
                SenderId = "46709876543",
            },
        };

        var json = JsonSerializer.Serialize(envelope, SinchJson.Options);

        Assert.Equal(WebhookSignerTests.HandbookBody, json);
    }

    [Fact]
    public void Delivery_report_carries_the_documented_fields()
    {
        var envelope = new CallbackEnvelope
        {
            AppId = "app",
            AcceptedTime = At("2025-03-14T09:27:10.412Z"),
            ProjectId = "project",
            MessageDeliveryReport = new DeliveryReport("msg", "conv", "FAILED", new ChannelIdentity("WHATSAPP", "46701234567"), "contact",
                new DeliveryReason("OUTSIDE_ALLOWED_SENDING_WINDOW", "more than 24 hours"), "out-7f3a9c"),
            CorrelationId = "conv-2f1e-msg-0042",
        };

        var json = JsonNode.Parse(JsonSerializer.Serialize(envelope, SinchJson.Options))!.AsObject();

        Assert.Equal(["app_id", "accepted_time", "project_id", "message_delivery_report", "message_metadata", "correlation_id"],
            json.Select(p => p.Key));
        var report = json["message_delivery_report"]!.AsObject();
        Assert.Equal(["message_id", "conversation_id", "status", "channel_identity", "contact_id", "reason", "metadata", "processing_mode"],
            report.Select(p => p.Key));
        Assert.Equal("""{"code":"OUTSIDE_ALLOWED_SENDING_WINDOW","description":"more than 24 hours","sub_code":"UNSPECIFIED_SUB_CODE"}""",
            report["reason"]!.ToJsonString());
        Assert.Equal("""{"channel":"WHATSAPP","identity":"46701234567","app_id":""}""", report["channel_identity"]!.ToJsonString());
    }

    [Fact]
    public void Conversation_stop_wraps_the_conversation_and_omits_absent_metadata_json()
    {
        var envelope = new CallbackEnvelope
        {
            AppId = "app",
            AcceptedTime = At("2025-03-14T10:02:11.006Z"),
            ProjectId = "project",
            ConversationStopNotification = new(new Conversation("conv", "app", "contact", false, "WHATSAPP",
                At("2025-03-14T09:58:40Z"), "", null, null)),
        };

        var json = JsonNode.Parse(JsonSerializer.Serialize(envelope, SinchJson.Options))!.AsObject();

        Assert.Equal(
            """{"id":"conv","app_id":"app","contact_id":"contact","active":false,"active_channel":"WHATSAPP","last_received":"2025-03-14T09:58:40Z","metadata":""}""",
            json["conversation_stop_notification"]!["conversation"]!.ToJsonString());
    }

    [Fact]
    public void Timestamps_are_utc_with_z_and_only_the_fractional_digits_needed()
    {
        Assert.Equal("2025-03-14T09:26:52Z", UtcTimestampConverter.Format(At("2025-03-14T10:26:52+01:00")));
        Assert.Equal("2025-03-14T09:26:53.5Z", UtcTimestampConverter.Format(At("2025-03-14T09:26:53.500Z")));
    }

    [Fact]
    public void Error_body_has_the_google_api_shape()
    {
        var error = SinchErrors.InvalidArgument("recipient", "Field is mandatory");

        Assert.Equal(400, error.StatusCode);
        Assert.Equal(
            """{"error":{"code":400,"message":"Invalid argument","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.BadRequest","field_violations":[{"field":"recipient","description":"Field is mandatory"}]}]}}""",
            JsonSerializer.Serialize(error.Value, SinchJson.Options));
    }

    [Fact]
    public void Ids_look_like_sinch_ulids()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => SinchIds.New()).ToList();

        Assert.All(ids, id => Assert.Matches("^[0-9A-HJKMNP-TV-Z]{26}$", id));
        Assert.Equal(100, ids.Distinct().Count());
    }
}
