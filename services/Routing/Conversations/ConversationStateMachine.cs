using MassTransit;
using Platform.Contracts;

namespace Platform.Routing.Conversations;

/// <summary>
/// One conversation: New -> BotHandling or Queued -> Assigned -> Ended, re-opened by a customer message within the
/// re-open window (docs/routing.md has the diagram). Every event is correlated by the conversation id, which the intake
/// derives deterministically; events for a missing conversation are dropped. The arrows' behaviour is in
/// <see cref="ConversationFlow"/>; which arrow a routed conversation takes (bot, queue, agent) is decided there, so
/// it transitions with <c>TransitionToState</c>.
/// </summary>
public sealed class ConversationStateMachine : MassTransitStateMachine<ConversationState>
{
    /// <summary>The saga's own queue (exchange), where its timers are scheduled to.</summary>
    public static readonly Uri Address = new("exchange:routing-conversation-state");

    public ConversationStateMachine()
    {
        var flow = new ConversationFlow(this);
        InstanceState(x => x.CurrentState);

        Event(() => MessageArrived, e => e.CorrelateById(c => c.Message.ConversationId));
        // Published only for a conversation that exists (a contact for one still opening is kept for the saga to take,
        // docs/routing.md, "Facts before their message"); should one find none all the same, it is retried, not dropped.
        Event(() => ContactChanged, e =>
        {
            e.CorrelateById(c => c.Message.ConversationId);
            e.OnMissingInstance(m => m.Fault());
        });
        Event(() => BotAnswered, e => Existing(e, c => c.Message.ConversationId));
        Event(() => BotUnavailable, e => Existing(e, c => c.Message.ConversationId));
        Event(() => Accepted, e => Existing(e, c => c.Message.ConversationId));
        Event(() => Transferred, e => Existing(e, c => c.Message.ConversationId));
        Event(() => AgentReplied, e => Existing(e, c => c.Message.ConversationId));
        Event(() => OfferRequested, e => Existing(e, c => c.Message.ConversationId));
        Event(() => EndRequested, e => Existing(e, c => c.Message.ConversationId));
        Event(() => InactivityWarningDue, e => Existing(e, c => c.Message.ConversationId));
        Event(() => InactivityTimeout, e => Existing(e, c => c.Message.ConversationId));
        Event(() => ResponseTimeout, e => Existing(e, c => c.Message.ConversationId));

        Initially(
            When(MessageArrived)
                .ThenAsync(ConversationFlow.Open)
                .ThenAsync(ConversationFlow.RecordCustomerMessage)
                .ThenAsync(flow.Route)
                .ThenAsync(ConversationFlow.ScheduleInactivity));

        During(BotHandling,
            When(MessageArrived)
                .ThenAsync(ConversationFlow.RecordCustomerMessage)
                .Publish(c => new AskBot { ConversationId = c.Saga.CorrelationId, BotId = c.Saga.BotId!.Value, EntryId = c.Message.EntryId })
                .ThenAsync(ConversationFlow.ScheduleInactivity),
            When(BotAnswered).ThenAsync(flow.AnswerFromBot),
            When(BotUnavailable).ThenAsync(flow.BotFailed));

        During(Queued,
            When(MessageArrived)
                .ThenAsync(ConversationFlow.RecordCustomerMessage)
                .ThenAsync(ConversationFlow.ScheduleInactivity),
            When(OfferRequested).ThenAsync(flow.Offer));

        During(Assigned,
            When(MessageArrived)
                .ThenAsync(ConversationFlow.RecordCustomerMessage)
                .ThenAsync(ConversationFlow.CustomerWaitsForAgent)
                .ThenAsync(ConversationFlow.ScheduleInactivity),
            When(AgentReplied).ThenAsync(flow.ReplyFromAgent),
            When(ResponseTimeout).ThenAsync(flow.ResponseTimedOut));

        During(Queued, Assigned,
            When(Accepted).ThenAsync(flow.Accept));

        During(BotHandling, Queued, Assigned,
            When(Transferred).ThenAsync(flow.Transfer),
            When(EndRequested).ThenAsync(c => flow.End(c, c.Message.RequestedBy, c.Message.RequestedAt)),
            When(InactivityWarningDue).ThenAsync(ConversationFlow.InactivityWarning),
            When(InactivityTimeout).ThenAsync(flow.InactivityExpired));

        // A message that raced the end (older than it) only joins the transcript; a later one re-opens: the intake
        // already sent anything past the re-open window to a new conversation (docs/routing.md, "Re-open rule").
        During(Ended,
            When(MessageArrived, c => c.Message.Message.ReceivedAt <= c.Saga.EndedAt)
                .ThenAsync(ConversationFlow.RecordCustomerMessage),
            When(MessageArrived, c => c.Message.Message.ReceivedAt > c.Saga.EndedAt)
                .ThenAsync(ConversationFlow.RecordCustomerMessage)
                .ThenAsync(flow.Reopen)
                .ThenAsync(ConversationFlow.ScheduleInactivity),
            Ignore(EndRequested),
            Ignore(BotAnswered),
            Ignore(BotUnavailable),
            Ignore(Accepted),
            Ignore(Transferred),
            Ignore(AgentReplied),
            Ignore(OfferRequested),
            Ignore(InactivityWarningDue),
            Ignore(InactivityTimeout),
            Ignore(ResponseTimeout));

        DuringAny(When(ContactChanged).Then(c => ConversationFlow.ApplyContact(c.Saga, c.Message.Contact)));

        // Late or crossing events (a bot answer after a handoff, an offer to an assigned conversation, a timer of a
        // state already left) change nothing.
        During(BotHandling, Ignore(OfferRequested), Ignore(Accepted), Ignore(AgentReplied), Ignore(ResponseTimeout));
        During(Queued, Ignore(BotAnswered), Ignore(BotUnavailable), Ignore(AgentReplied), Ignore(ResponseTimeout));
        During(Assigned, Ignore(BotAnswered), Ignore(BotUnavailable), Ignore(OfferRequested));
        OnUnhandledEvent(c =>
        {
            c.GetServiceOrCreateInstance<ILogger<ConversationStateMachine>>().EventIgnored(c.Saga.CorrelationId, c.Event.Name, c.Saga.CurrentState);
            return Task.CompletedTask;
        });
    }

    public State BotHandling { get; private set; } = null!;
    public State Queued { get; private set; } = null!;
    public State Assigned { get; private set; } = null!;
    public State Ended { get; private set; } = null!;

    public Event<CustomerMessageArrived> MessageArrived { get; private set; } = null!;
    public Event<ConversationContactChanged> ContactChanged { get; private set; } = null!;
    public Event<BotAnswered> BotAnswered { get; private set; } = null!;
    public Event<BotUnavailable> BotUnavailable { get; private set; } = null!;
    public Event<AcceptConversation> Accepted { get; private set; } = null!;
    public Event<TransferConversation> Transferred { get; private set; } = null!;
    public Event<AgentReply> AgentReplied { get; private set; } = null!;
    public Event<OfferQueuedConversation> OfferRequested { get; private set; } = null!;
    public Event<EndConversation> EndRequested { get; private set; } = null!;
    public Event<InactivityWarningDue> InactivityWarningDue { get; private set; } = null!;
    public Event<InactivityTimeoutExpired> InactivityTimeout { get; private set; } = null!;
    public Event<ResponseTimeoutExpired> ResponseTimeout { get; private set; } = null!;

    private static void Existing<T>(IEventCorrelationConfigurator<ConversationState, T> e, Func<ConsumeContext<T>, Guid> id)
        where T : class
    {
        e.CorrelateById(id);
        e.OnMissingInstance(m => m.Discard());
    }
}
