using System.Text.Json.Nodes;
using Platform.SinchEmulator.Apps;
using Platform.SinchEmulator.Callbacks;
using Platform.SinchEmulator.Contacts;
using Platform.SinchEmulator.Conversations;
using Platform.SinchEmulator.Messages;
using Platform.SinchEmulator.Wire;

namespace Platform.SinchEmulator.Customers;

/// <summary>Where a customer acts from, once resolved: app, channel and contact.</summary>
internal sealed record CustomerOrigin(EmulatedApp App, AppChannel AppChannel, ChannelIdentity Identity, Contact Contact);

/// <summary>
/// Turns customer actions into what Sinch would post in CONVERSATION mode: CONTACT_CREATE/UPDATE for a new
/// or renamed contact, CONVERSATION_START for a new conversation, then the message, event or consent callback.
/// </summary>
internal sealed class CustomerSimulator(
    AppStore apps,
    ContactStore contacts,
    ConversationStore conversations,
    MessageStore messages,
    CallbackDispatcher callbacks,
    Envelopes envelopes,
    TimeProvider time)
{
    public CustomerOrigin? Resolve(CustomerRequest request, out string? problem)
    {
        problem = null;
        var app = request.AppId is null ? (apps.All() is [var first, ..] ? first : null) : apps.Find(request.AppId);
        if (app is null)
        {
            problem = $"App {request.AppId ?? "(none seeded)"} not found";
            return null;
        }
        var appChannel = request.Channel is null ? (app.Channels is [var primary, ..] ? primary : null) : app.FindChannel(request.Channel);
        if (appChannel is null)
        {
            problem = $"Channel {request.Channel ?? "(none)"} is not configured on app {app.Id}";
            return null;
        }
        if (string.IsNullOrWhiteSpace(request.Identity))
        {
            problem = "identity is required";
            return null;
        }

        var identity = ChannelScopes.Identity(appChannel.Channel, request.Identity, app.Id);
        var resolution = contacts.Resolve([identity], request.DisplayName);
        if (resolution.Created)
        {
            callbacks.Publish(Triggers.ContactCreate, envelopes.For(app.Id) with { ContactCreateNotification = new(resolution.Contact) });
        }
        else if (resolution.Renamed)
        {
            callbacks.Publish(Triggers.ContactUpdate, envelopes.For(app.Id) with { ContactUpdateNotification = new(resolution.Contact) });
        }
        return new CustomerOrigin(app, appChannel, identity, resolution.Contact);
    }

    public CustomerActionResponse SendMessage(CustomerOrigin origin, JsonObject contactMessage, string? replyTo, string metadata = "")
    {
        if (!string.IsNullOrEmpty(replyTo))
        {
            contactMessage["reply_to"] = new JsonObject { ["message_id"] = replyTo };
        }
        var conversation = Converse(origin);
        conversation = conversations.ReceivedFromContact(conversation.Id, origin.Identity.Channel);
        var message = new ConversationMessage
        {
            Id = SinchIds.New(),
            Direction = ConversationMessage.ToApp,
            ContactMessage = contactMessage,
            ChannelIdentity = origin.Identity,
            ConversationId = conversation.Id,
            ContactId = origin.Contact.Id,
            Metadata = metadata,
            AcceptTime = time.GetUtcNow(),
            SenderId = origin.AppChannel.ClaimedIdentity,
        };
        messages.Add(new StoredMessage(origin.App.Id, message, conversation.CorrelationId));
        callbacks.Publish(Triggers.MessageInbound, envelopes.For(origin.App.Id) with
        {
            Message = message,
            // MO callbacks carry the conversation's metadata, serialised (docs/sinch-wire-format.md §12.1).
            MessageMetadata = conversation.MetadataJson?.ToJsonString() ?? "",
            CorrelationId = conversation.CorrelationId ?? "",
        });
        return new CustomerActionResponse(message.Id, origin.Contact.Id, conversation.Id);
    }

    public CustomerActionResponse Typing(CustomerOrigin origin, bool stopped)
    {
        var conversationId = conversations.FindActive(origin.App.Id, origin.Contact.Id)?.Id ?? "";
        var contactEvent = new JsonObject { [stopped ? "composing_end_event" : "composing_event"] = new JsonObject() };
        var inboundEvent = new InboundEvent(SinchIds.New(), ConversationMessage.ToApp, contactEvent, origin.Identity,
            origin.Contact.Id, conversationId, time.GetUtcNow());
        callbacks.Publish(Triggers.EventInbound, envelopes.For(origin.App.Id) with { Event = inboundEvent });
        return new CustomerActionResponse(inboundEvent.Id, origin.Contact.Id, conversationId);
    }

    public CustomerActionResponse Consent(CustomerOrigin origin, bool optIn)
    {
        var requestId = SinchIds.New();
        var status = optIn ? "OPT_IN_SUCCEEDED" : "OPT_OUT_SUCCEEDED";
        var notification = new ConsentNotification(requestId, origin.Contact.Id, origin.Identity.Channel, origin.Identity.Identity, status);
        var envelope = envelopes.For(origin.App.Id);
        callbacks.Publish(optIn ? Triggers.OptIn : Triggers.OptOut,
            optIn ? envelope with { OptInNotification = notification } : envelope with { OptOutNotification = notification });
        return new CustomerActionResponse(requestId, origin.Contact.Id, "");
    }

    private Conversation Converse(CustomerOrigin origin)
    {
        var (conversation, started) = conversations.GetOrStart(origin.App.Id, origin.Contact.Id, origin.Identity.Channel);
        if (started)
        {
            callbacks.Publish(Triggers.ConversationStart, envelopes.For(origin.App.Id) with { ConversationStartNotification = new(conversation) });
        }
        return conversation;
    }
}
