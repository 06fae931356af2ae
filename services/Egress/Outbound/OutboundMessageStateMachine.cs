using MassTransit;
using Platform.Contracts;

namespace Platform.Egress.Outbound;

/// <summary>
/// Requested -> Submitted -> QueuedOnChannel -> Delivered -> Read, or Failed (docs/egress.md, "Outbound saga").
/// The saga never calls Sinch itself: it hands <see cref="SubmitOutboundMessage"/> to the submitter, which records its
/// attempt before the call. Reports may come before the submitter's answer; the state is the highest status seen.
/// </summary>
public sealed class OutboundMessageStateMachine : MassTransitStateMachine<OutboundMessageState>
{
    public OutboundMessageStateMachine(TimeProvider time)
    {
        InstanceState(x => x.CurrentState);
        Event(() => Requested, e => e.CorrelateById(c => c.Message.OutboundMessageId));
        Event(() => Accepted, e =>
        {
            e.CorrelateById(c => c.Message.OutboundMessageId);
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => Refused, e =>
        {
            e.CorrelateById(c => c.Message.OutboundMessageId);
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => Reported, e =>
        {
            e.CorrelateById(c => c.Message.OutboundMessageId);
            e.OnMissingInstance(m => m.Discard());
        });

        Initially(
            When(Requested)
                .Then(c => c.Saga.Request(c.Message, time.GetUtcNow()))
                .Publish(c => c.Saga.Changed(OutboundMessageStatuses.Requested, c.Saga.RequestedAt))
                .Publish(c => new SubmitOutboundMessage { Command = c.Message, Attempt = 1 })
                .TransitionTo(Requesting));

        DuringAny(
            Ignore(Requested),
            When(Accepted)
                .If(c => c.Saga.Accept(c.Message.SinchMessageId, c.Message.AcceptedAt), then => then
                    .Publish(c => c.Saga.Changed(OutboundMessageStatuses.Submitted, c.Message.AcceptedAt))
                    .ThenAsync(MoveToStatus)),
            When(Refused)
                .If(c => c.Saga.Record(OutboundMessageStatuses.Failed, c.Message.At, c.Message.Code, c.Message.Description), then => then
                    .Publish(c => c.Saga.Changed(OutboundMessageStatuses.Failed, c.Message.At))
                    .ThenAsync(MoveToStatus)),
            When(Reported)
                .If(c => Known(c.Message.Report.Status) && c.Saga.Record(
                        c.Message.Report.Status,
                        c.Message.Report.OccurredAt,
                        c.Message.Report.Reason?.Code,
                        c.Message.Report.Reason?.Description,
                        c.Message.Report.Channel), then => then
                    .Publish(c => c.Saga.Changed(c.Message.Report.Status, c.Message.Report.OccurredAt))
                    .ThenAsync(MoveToStatus)));
    }

    public State Requesting { get; private set; } = null!;

    public State Submitted { get; private set; } = null!;

    public State QueuedOnChannel { get; private set; } = null!;

    public State Delivered { get; private set; } = null!;

    public State Read { get; private set; } = null!;

    public State Failed { get; private set; } = null!;

    public Event<SendOutboundMessage> Requested { get; private set; } = null!;

    public Event<OutboundMessageAccepted> Accepted { get; private set; } = null!;

    public Event<OutboundMessageRefused> Refused { get; private set; } = null!;

    public Event<OutboundDeliveryReported> Reported { get; private set; } = null!;

    private static bool Known(string status) => OutboundMessageState.Rank(status) >= 2;

    private Task MoveToStatus(BehaviorContext<OutboundMessageState> context)
    {
        var state = context.Saga.Status switch
        {
            OutboundMessageStatuses.Submitted => Submitted,
            OutboundMessageStatuses.QueuedOnChannel => QueuedOnChannel,
            OutboundMessageStatuses.Delivered => Delivered,
            OutboundMessageStatuses.Read => Read,
            OutboundMessageStatuses.Failed => Failed,
            _ => Requesting,
        };
        return context.Saga.CurrentState == state.Name ? Task.CompletedTask : context.TransitionToState(state);
    }
}
