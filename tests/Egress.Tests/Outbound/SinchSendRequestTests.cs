using Platform.Contracts;
using Platform.Egress.Outbound;

namespace Platform.Egress.Tests.Outbound;

public sealed class SinchSendRequestTests
{
    private static SendOutboundMessage Command(OutboundContent content, string? channel = null, string? metadata = null) => new()
    {
        OutboundMessageId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
        ConversationId = Guid.NewGuid(),
        SinchAppId = "app",
        Recipients = [new ChannelIdentity { Channel = "SMS", Identity = "1555" }, new ChannelIdentity { Channel = "MMS", Identity = "1555" }],
        Content = content,
        ConversationChannel = channel,
        Metadata = metadata,
        CorrelationId = "corr-1",
    };

    [Fact]
    public void Our_outbound_id_is_the_metadata_when_the_caller_gives_none()
    {
        var body = SinchSendRequest.Build(Command(new OutboundContent { Text = "hi" }));

        Assert.Equal("0f8fad5bd9cb469fa16570867728950e", body["message_metadata"]!.GetValue<string>());
        Assert.Equal("corr-1", body["correlation_id"]!.GetValue<string>());
        Assert.Equal("hi", body["message"]!["text_message"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void The_callers_metadata_is_sent_as_it_is()
    {
        var body = SinchSendRequest.Build(Command(new OutboundContent { Text = "hi" }, metadata: "bot-step-7"));

        Assert.Equal("bot-step-7", body["message_metadata"]!.GetValue<string>());
    }

    [Fact]
    public void A_text_on_mms_goes_as_a_card_to_the_mms_identity_with_mms_as_the_only_channel()
    {
        var body = SinchSendRequest.Build(Command(new OutboundContent { Text = "hi" }, channel: "MMS"));

        Assert.Equal("hi", body["message"]!["card_message"]!["description"]!.GetValue<string>());
        Assert.Equal(["MMS"], body["channel_priority_order"]!.AsArray().Select(c => c!.GetValue<string>()));
        var identity = Assert.Single(body["recipient"]!["identified_by"]!["channel_identities"]!.AsArray());
        Assert.Equal("MMS", identity!["channel"]!.GetValue<string>());
    }

    [Fact]
    public void Media_on_mms_stays_media()
    {
        var body = SinchSendRequest.Build(Command(new OutboundContent { MediaUrl = "https://x/a.png", MediaFileName = "a.png" }, channel: "MMS"));

        Assert.Equal("https://x/a.png", body["message"]!["media_message"]!["url"]!.GetValue<string>());
        Assert.Equal("a.png", body["message"]!["media_message"]!["filename_override"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("hi", "https://x/a.png", null)]
    [InlineData(null, null, "not_a_kind")]
    public void Content_that_is_not_exactly_one_known_kind_cannot_be_sent(string? text, string? media, string? kind)
    {
        var command = Command(new OutboundContent { Text = text, MediaUrl = media, SinchKind = kind, SinchJson = "{}" });

        Assert.Throws<InvalidContentException>(() => SinchSendRequest.Build(command));
    }

    [Fact]
    public void Sinch_json_that_is_not_an_object_cannot_be_sent()
    {
        var command = Command(new OutboundContent { SinchKind = "card_message", SinchJson = "[1,2]" });

        Assert.Throws<InvalidContentException>(() => SinchSendRequest.Build(command));
    }
}
