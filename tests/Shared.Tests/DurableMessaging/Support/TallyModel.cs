using MassTransit;

namespace Platform.Shared.Tests.DurableMessaging.Support;

/// <summary>A saga that answers every event it counts: its outgoing message shows whether the saga ran.</summary>
public sealed class TallyState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = "";

    public int Count { get; set; }

    public uint Version { get; set; }
}

public sealed record Tally
{
    public Guid TallyId { get; init; }
}

public sealed record Tallied
{
    public Guid TallyId { get; init; }

    public int Count { get; init; }
}

public sealed class TallyStateMachine : MassTransitStateMachine<TallyState>
{
    public TallyStateMachine()
    {
        InstanceState(x => x.CurrentState);
        Event(() => Counted, e => e.CorrelateById(c => c.Message.TallyId));
        Initially(When(Counted).Then(c => c.Saga.Count++).Publish(Answer).TransitionTo(Open));
        During(Open, When(Counted).Then(c => c.Saga.Count++).Publish(Answer));
    }

    public State Open { get; private set; } = null!;

    public Event<Tally> Counted { get; private set; } = null!;

    private static Tallied Answer(BehaviorContext<TallyState, Tally> context) =>
        new() { TallyId = context.Saga.CorrelationId, Count = context.Saga.Count };
}

public sealed class TalliedObserver(DurableHost.Received<Tallied> received) : IConsumer<Tallied>
{
    public Task Consume(ConsumeContext<Tallied> context)
    {
        received.Add(context.Message);
        return Task.CompletedTask;
    }
}
