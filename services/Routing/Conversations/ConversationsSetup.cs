using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.Messaging;
using Platform.Routing.Agents;
using Platform.Routing.Bots;
using Platform.Routing.Live;
using Platform.Routing.Persistence;
using Platform.Routing.Transcripts;

namespace Platform.Routing.Conversations;

public static class ConversationsSetup
{
    /// <summary>
    /// Everything routing runs on the bus: the conversation saga, the intake, transcript facts, the bot connector,
    /// agent offers and live updates, with their validated options.
    /// </summary>
    public static IBusRegistrationConfigurator AddConversations(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddOptions<ConversationOptions>().BindConfiguration(ConversationOptions.Section).ValidateOnStart();
        bus.AddSingleton<IValidateOptions<ConversationOptions>, ConversationOptionsValidator>();
        bus.AddCommandDestination(sp => sp.GetRequiredService<IOptions<ConversationOptions>>().Value.EgressSendAddress);
        bus.AddOptions<BotOptions>().BindConfiguration(BotOptions.Section).ValidateOnStart();
        bus.AddSingleton<IValidateOptions<BotOptions>, BotOptionsValidator>();
        bus.TryAddSingleton(TimeProvider.System);
        bus.AddSingleton<BotCircuitBreakers>();
        bus.AddHttpClient<BotClient>();
        bus.AddSingleton<LiveUpdateHub>();
        bus.AddHostedService<LiveUpdateListener>();
        bus.AddHostedService<RoutingSeeder>();

        bus.AddSagaStateMachine<ConversationStateMachine, ConversationState, ConversationStateDefinition>();
        bus.AddConsumer<InboundMessageIntakeConsumer>();
        bus.AddConsumer<SinchConversationEndedConsumer>();
        bus.AddConsumer<MessageFactsConsumer>();
        bus.AddConsumer<TranscriptStatusConsumer>();
        bus.AddConsumer<ContactChangesConsumer>();
        bus.AddConsumer<PublishedMediaConsumer>();
        bus.AddConsumer<AskBotConsumer>();
        bus.AddConsumer<OfferWaitingConversationsConsumer>();
        return bus;
    }
}
