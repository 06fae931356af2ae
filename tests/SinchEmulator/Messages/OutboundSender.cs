using Platform.SinchEmulator.Apps;
using Platform.SinchEmulator.Callbacks;
using Platform.SinchEmulator.Contacts;
using Platform.SinchEmulator.Conversations;
using Platform.SinchEmulator.Wire;

namespace Platform.SinchEmulator.Messages;

/// <summary>Accepts a validated send in CONVERSATION mode: resolves contact, conversation and channels, then hands it to the reporter.</summary>
internal sealed class OutboundSender(
    ContactStore contacts,
    ConversationStore conversations,
    MessageStore messages,
    DeliveryReporter reporter,
    CallbackDispatcher callbacks,
    Envelopes envelopes,
    TimeProvider time)
{
    public SendMessageResponse Accept(SendMessageRequest request, EmulatedApp app)
    {
        var acceptedTime = time.GetUtcNow();
        var contact = ResolveContact(request, app);
        var channels = contact is null ? [] : ChannelOrder.For(request, app, contact, conversations.FindActive(app.Id, contact.Id));

        DeliveryReason? failure = contact is null
            ? new DeliveryReason("CONTACT_NOT_FOUND", $"Contact {request.Recipient!.ContactId} not found")
            : channels.Count == 0
                ? new DeliveryReason("NO_CHANNEL_IDENTITY_FOR_CONTACT", "The contact has no identity on any channel of the app")
                : null;

        var conversation = failure is null ? Converse(request, app, contact!, channels[0].Channel) : null;
        var message = new ConversationMessage
        {
            Id = SinchIds.New(),
            Direction = ConversationMessage.ToContact,
            AppMessage = request.Message,
            ChannelIdentity = channels.Count > 0 ? channels[0] : new ChannelIdentity("CHANNEL_UNSPECIFIED", ""),
            ConversationId = conversation?.Id ?? "",
            ContactId = contact?.Id ?? request.Recipient!.ContactId ?? "",
            Metadata = request.MessageMetadata ?? "",
            AcceptTime = acceptedTime,
        };
        messages.Add(new StoredMessage(app.Id, message, request.CorrelationId));
        reporter.Start(new OutboundDelivery(app, message, channels, request.CorrelationId, request.CallbackUrl, failure));
        return new SendMessageResponse(message.Id, acceptedTime);
    }

    private Contact? ResolveContact(SendMessageRequest request, EmulatedApp app)
    {
        if (request.Recipient!.IdentifiedBy?.ChannelIdentities is not { Count: > 0 } identities)
        {
            return contacts.Find(request.Recipient.ContactId);
        }
        var resolution = contacts.Resolve([.. identities.Select(i => ChannelScopes.Identity(i.Channel, i.Identity, app.Id))], displayName: null);
        if (resolution.Created)
        {
            callbacks.Publish(Triggers.ContactCreate, envelopes.For(app.Id) with { ContactCreateNotification = new(resolution.Contact) });
        }
        return resolution.Contact;
    }

    private Conversation Converse(SendMessageRequest request, EmulatedApp app, Contact contact, string channel)
    {
        var (conversation, started) = conversations.GetOrStart(app.Id, contact.Id, channel);
        conversation = conversations.SentToContact(conversation.Id, channel, request.ConversationMetadata?.AsObject(),
            request.ConversationMetadataUpdateStrategy == "MERGE_PATCH", request.CorrelationId);
        if (started)
        {
            callbacks.Publish(Triggers.ConversationStart, envelopes.For(app.Id) with
            {
                ConversationStartNotification = new(conversation),
                CorrelationId = conversation.CorrelationId ?? "",
            });
        }
        return conversation;
    }
}
