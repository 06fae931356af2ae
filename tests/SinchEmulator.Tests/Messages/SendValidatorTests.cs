using System.Text.Json;
using Platform.SinchEmulator.Apps;
using Platform.SinchEmulator.Messages;
using Platform.SinchEmulator.Wire;

namespace Platform.SinchEmulator.Tests.Messages;

public sealed class SendValidatorTests
{
    private const string ToContact = """{"contact_id":"01JCNT4B6D8F0H2K4M6P8R0T2V"}""";

    public static TheoryData<string, string> EveryKindThePlatformSends => new()
    {
        { "text", """{"text_message":{"text":"Thanks, your order 4711 ships today."}}""" },
        { "media", """{"media_message":{"url":"https://cdn.example.com/p/4711.jpg"}}""" },
        { "choice", """{"choice_message":{"text_message":{"text":"Was your issue solved?"},"choices":[{"text_message":{"text":"Yes"},"postback_data":"csat_yes"},{"url_message":{"title":"Help","url":"https://example.com"}}],"message_properties":{"whatsapp_footer":"Acme"}}}""" },
        { "card", """{"card_message":{"title":"Order 4711","description":"Shipped","media_message":{"url":"https://cdn.example.com/p.jpg"},"height":"MEDIUM","choices":[{"call_message":{"title":"Call us","phone_number":"+46701112233"}}]}}""" },
        { "carousel", """{"carousel_message":{"cards":[{"title":"A"},{"title":"B","media_message":{"url":"https://cdn.example.com/b.jpg"}}],"choices":[{"text_message":{"text":"More"}}]}}""" },
        { "location", """{"location_message":{"coordinates":{"latitude":59.33,"longitude":18.06},"title":"Our store","label":"Open 9-18"}}""" },
        { "list", """{"list_message":{"title":"Pick a topic","sections":[{"title":"Orders","items":[{"choice":{"title":"Where is my order?","postback_data":"wismo"}}]}]}}""" },
        { "contact_info", """{"contact_info_message":{"name":{"full_name":"Acme Support"},"phone_numbers":[{"phone_number":"+46701112233","type":"WORK"}]}}""" },
        { "template", """{"template_message":{"channel_template":{"WHATSAPP":{"template_id":"order_update","language_code":"en_US","parameters":{"body[1]text":"Maria"}}}}}""" },
    };

    [Theory]
    [MemberData(nameof(EveryKindThePlatformSends))]
    public void Every_message_kind_the_platform_sends_is_valid(string kind, string message)
    {
        var violations = SendValidator.Validate(Request(message));

        Assert.True(violations.Count == 0, $"{kind}: {string.Join("; ", violations)}");
    }

    [Theory]
    [InlineData("""{}""", "message")]
    [InlineData("""{"text_message":{"text":"a"},"media_message":{"url":"https://x.example/a.jpg"}}""", "message")]
    [InlineData("""{"text_message":{"text":""}}""", "message.text_message.text")]
    [InlineData("""{"media_message":{"url":"not a url"}}""", "message.media_message.url")]
    [InlineData("""{"choice_message":{"text_message":{"text":"Q"},"choices":[]}}""", "message.choice_message.choices")]
    [InlineData("""{"choice_message":{"text_message":{"text":"Q"},"choices":[{"text_message":{"text":"a"},"url_message":{"title":"b","url":"https://x"}}]}}""", "message.choice_message.choices[0]")]
    [InlineData("""{"card_message":{"height":"TALL"}}""", "message.card_message")]
    [InlineData("""{"carousel_message":{"cards":[]}}""", "message.carousel_message.cards")]
    [InlineData("""{"location_message":{"coordinates":{"latitude":"north"},"title":"x"}}""", "message.location_message.coordinates")]
    [InlineData("""{"list_message":{"title":"t","sections":[{"items":[]}]}}""", "message.list_message.sections[0].items")]
    [InlineData("""{"contact_info_message":{"name":{"full_name":"A"},"phone_numbers":[]}}""", "message.contact_info_message.phone_numbers")]
    [InlineData("""{"template_message":{}}""", "message.template_message")]
    [InlineData("""{"template_message":{"channel_template":{"WHATSAPP":{"template_id":"order_update"}}}}""", "message.template_message.channel_template.WHATSAPP.language_code")]
    public void Malformed_message_is_reported_at_its_field(string message, string field)
    {
        var violations = SendValidator.Validate(Request(message));

        Assert.Contains(violations, v => v.Field == field);
    }

    [Theory]
    [InlineData("""{"message":{"text_message":{"text":"a"}},"recipient":{"contact_id":"c"}}""", "app_id")]
    [InlineData("""{"app_id":"a","message":{"text_message":{"text":"a"}}}""", "recipient")]
    [InlineData("""{"app_id":"a","message":{"text_message":{"text":"a"}},"recipient":{"contact_id":"c","identified_by":{"channel_identities":[{"channel":"SMS","identity":"1"}]}}}""", "recipient")]
    [InlineData("""{"app_id":"a","message":{"text_message":{"text":"a"}},"recipient":{"identified_by":{"channel_identities":[]}}}""", "recipient.identified_by.channel_identities")]
    [InlineData("""{"app_id":"a","recipient":{"contact_id":"c"}}""", "message")]
    [InlineData("""{"app_id":"a","message":{"text_message":{"text":"a"}},"recipient":{"contact_id":"c"},"conversation_metadata":"text"}""", "conversation_metadata")]
    [InlineData("""{"app_id":"a","message":{"text_message":{"text":"a"}},"recipient":{"contact_id":"c"},"ttl":"10 minutes"}""", "ttl")]
    [InlineData("""{"app_id":"a","message":{"text_message":{"text":"a"}},"recipient":{"contact_id":"c"},"queue":"URGENT"}""", "queue")]
    public void Malformed_request_is_reported_at_its_field(string json, string field)
    {
        var request = JsonSerializer.Deserialize<SendMessageRequest>(json, SinchJson.Options)!;

        Assert.Contains(SendValidator.Validate(request), v => v.Field == field);
    }

    [Fact]
    public void Correlation_id_longer_than_128_characters_is_rejected()
    {
        var request = Request("""{"text_message":{"text":"a"}}""") with { CorrelationId = new string('x', 129) };

        Assert.Contains(SendValidator.Validate(request), v => v.Field == "correlation_id");
    }

    [Fact]
    public void Channel_not_configured_on_the_app_is_rejected()
    {
        var app = new EmulatedApp("app", "App", [new AppChannel("WHATSAPP", "4670", "t")], "");
        var request = Request("""{"text_message":{"text":"a"}}""") with { ChannelPriorityOrder = ["WHATSAPP", "TELEGRAM"] };

        var violations = SendValidator.ValidateAgainst(request, app);

        Assert.Equal("channel_priority_order", Assert.Single(violations).Field);
    }

    [Fact]
    public void Media_urls_are_found_in_media_cards_and_carousels()
    {
        var message = JsonSerializer.Deserialize<SendMessageRequest>(
            """{"message":{"carousel_message":{"cards":[{"title":"A","media_message":{"url":"https://a.example/1.jpg"}},{"title":"B","media_message":{"url":"https://a.example/2.jpg"}}]}}}""",
            SinchJson.Options)!.Message;

        Assert.Equal(["https://a.example/1.jpg", "https://a.example/2.jpg"], AppMessageRules.MediaUrls(message));
    }

    private static SendMessageRequest Request(string message) =>
        JsonSerializer.Deserialize<SendMessageRequest>(
            $$"""{"app_id":"01JAPP7Q9M2K4W6X8Y0Z1B3C5D","recipient":{{ToContact}},"message":{{message}}}""", SinchJson.Options)!;
}
