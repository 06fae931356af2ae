using System.Text;
using Platform.Contracts;
using Platform.Ingress.Callbacks;

namespace Platform.Ingress.Tests.Callbacks;

/// <summary>
/// Shapes Sinch's own documentation shows that differ from the usual one (docs/sinch-wire-format.md): accepted,
/// classified, and given ids that a redelivery repeats. Values are ours, the shapes Sinch's.
/// </summary>
public class DocumentedShapeTests
{
    private const string App = CallbackSamples.AppId;
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 8, 15, 0, TimeSpan.Zero);

    private static ParsedCallback Parse(string json) => CallbackParser.Parse(App, Encoding.UTF8.GetBytes(json), Now);

    /// <summary>The callbacks page's composing event: no <c>id</c>, no <c>conversation_id</c>.</summary>
    private static string ComposingWithoutId(string contactId = "01JW2CNTQ8Z0M4R6T8V0X2Z4B6", string acceptTime = "2025-06-02T08:14:31.208Z", string kind = "composing_event") => $$$"""
        {"app_id":"{{{App}}}","accepted_time":"2025-06-02T08:14:31.215Z",
         "event":{"direction":"TO_APP","contact_event":{"{{{kind}}}":{}},
          "channel_identity":{"channel":"MESSENGER","identity":"6120458832177049","app_id":"{{{App}}}"},
          "contact_id":"{{{contactId}}}","accept_time":"{{{acceptTime}}}"},
         "message_metadata":""}
        """;

    /// <summary>The SMS channel page's inbound message: <c>channel</c> as a string and only the <c>contact_id</c>.</summary>
    private static string LegacySmsMessage(string messageId = "01JW2MSGLEGACY0SMS00000001") => $$$"""
        {"app_id":"{{{App}}}","accepted_time":"2025-06-02T08:14:40.118Z",
         "message":{"id":"{{{messageId}}}","direction":"TO_APP",
          "contact_message":{"text_message":{"text":"STOP please call me instead"}},
          "channel":"SMS","contact_id":"01JW2CNTQ8Z0M4R6T8V0X2Z4B6","conversation_id":"01JW2CNVK1M3P5R7T9V1X3Z5B7",
          "metadata":"","accept_time":"2025-06-02T08:14:40.101Z"},
         "message_metadata":""}
        """;

    [Fact]
    public void Composing_event_without_an_id_is_a_typing_change_about_its_contact()
    {
        var parsed = Parse(ComposingWithoutId());

        Assert.Equal(Triggers.EventInbound, parsed.Trigger);
        var typing = Assert.IsType<ContactComposingChanged>(parsed.Event);
        Assert.True(typing.IsComposing);
        Assert.Equal("", typing.SinchEventId);
        Assert.Null(typing.SinchConversationId);
        Assert.Equal("01JW2CNTQ8Z0M4R6T8V0X2Z4B6", typing.SinchContactId);
        Assert.Equal("MESSENGER", typing.Channel);
        Assert.Equal(new DateTimeOffset(2025, 6, 2, 8, 14, 31, 208, TimeSpan.Zero), typing.OccurredAt);
    }

    [Fact]
    public void Event_without_an_id_gets_the_same_message_id_on_redelivery_and_another_for_another_event()
    {
        var first = Parse(ComposingWithoutId()).MessageId;

        Assert.NotEqual(Guid.Empty, first);
        Assert.Equal(first, Parse(ComposingWithoutId()).MessageId);
        Assert.NotEqual(first, Parse(ComposingWithoutId(acceptTime: "2025-06-02T08:14:33.007Z")).MessageId);
        Assert.NotEqual(first, Parse(ComposingWithoutId(contactId: "01JW2CNTOTHER0000000000000")).MessageId);
        Assert.NotEqual(first, Parse(ComposingWithoutId(kind: "composing_end_event")).MessageId);
    }

    [Fact]
    public void Event_without_an_id_never_shares_a_message_id_with_an_event_that_has_one()
    {
        var withoutId = Parse(ComposingWithoutId()).MessageId;
        var withId = Parse(ComposingWithoutId().Replace("\"direction\"", "\"id\":\"01JW2EVT000000000000000001\",\"direction\"", StringComparison.Ordinal));

        Assert.Equal("01JW2EVT000000000000000001", Assert.IsType<ContactComposingChanged>(withId.Event).SinchEventId);
        Assert.Equal(CallbackMessageIds.For(App, Triggers.EventInbound, "01JW2EVT000000000000000001"), withId.MessageId);
        Assert.NotEqual(withoutId, withId.MessageId);
    }

    [Fact]
    public void Legacy_inbound_message_takes_its_channel_from_the_channel_field_and_leaves_the_identity_to_the_contact()
    {
        var parsed = Parse(LegacySmsMessage());

        Assert.Equal(Triggers.MessageInbound, parsed.Trigger);
        var message = Assert.IsType<InboundMessageReceived>(parsed.Event);
        Assert.Equal("SMS", message.Channel);
        Assert.Equal("SMS", message.Identity.Channel);
        Assert.Equal("", message.Identity.Identity);
        Assert.Equal("01JW2CNTQ8Z0M4R6T8V0X2Z4B6", message.SinchContactId);
        Assert.Equal(InboundMessageKinds.Text, message.Kind);
        Assert.Equal("STOP please call me instead", message.Text);
        Assert.Equal(CallbackMessageIds.For(App, Triggers.MessageInbound, "01JW2MSGLEGACY0SMS00000001"), parsed.MessageId);
    }

    [Fact]
    public void Inbound_message_without_content_is_a_message_of_unknown_kind()
    {
        var body = LegacySmsMessage().Replace("\"contact_message\":{\"text_message\":{\"text\":\"STOP please call me instead\"}},", "", StringComparison.Ordinal);

        var message = Assert.IsType<InboundMessageReceived>(Parse(body).Event);

        Assert.Equal(InboundMessageKinds.Unknown, message.Kind);
        Assert.Null(message.Text);
    }

    [Theory]
    [InlineData("\"channel\":\"SMS\",\"contact_id\":\"01JW2CNTQ8Z0M4R6T8V0X2Z4B6\",", "\"channel\":\"SMS\",", "'$.message.channel_identity' is required.")]
    [InlineData("\"channel\":\"SMS\",", "", "'$.message.channel_identity' is required.")]
    [InlineData("\"id\":\"01JW2MSGLEGACY0SMS00000001\",", "", "'$.message.id' is required.")]
    public void Inbound_message_without_id_channel_or_sender_cannot_be_used(string remove, string replacement, string reason)
    {
        var body = LegacySmsMessage().Replace(remove, replacement, StringComparison.Ordinal);

        var e = Assert.Throws<CallbackFormatException>(() => Parse(body));

        Assert.Equal(reason, e.Message);
        Assert.Equal(Triggers.MessageInbound, e.Trigger);
    }

    [Fact]
    public void Contact_identity_entry_without_an_identity_is_left_out_and_the_contact_kept()
    {
        var body = $$$"""
            {"app_id":"{{{App}}}","accepted_time":"2025-06-02T08:16:02.400Z",
             "contact_update_notification":{"contact":{"id":"01JW2CNTQ8Z0M4R6T8V0X2Z4B6",
              "channel_identities":[{"channel":"SMS","identity":"447700900123","app_id":""},{"channel":"WHATSAPP","identity":"","app_id":""}],
              "display_name":"Ines","metadata":""} } }
            """;

        var changed = Assert.IsType<SinchContactChanged>(Parse(body).Event);

        var identity = Assert.Single(changed.Contact.ChannelIdentities);
        Assert.Equal("SMS", identity.Channel);
    }
}
