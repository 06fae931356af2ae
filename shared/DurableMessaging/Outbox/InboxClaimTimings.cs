using System.Collections.Frozen;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.DurableMessaging.Sagas;

namespace Platform.DurableMessaging.Outbox;

/// <summary>When the consumer outbox sends a message's inbox claim (docs/durable-messaging.md, "Consumer outbox").</summary>
internal enum InboxClaimTiming
{
    /// <summary>On its own, before the consumer runs: a copy never reaches the consumer's code.</summary>
    BeforeConsumer,

    /// <summary>With the row lock that a saga of the PostgreSQL repository sends before any of its code runs.</summary>
    WithSagaLock,

    /// <summary>With the last save of a consumer marked <see cref="OnlyTransactionalEffectsAttribute"/>.</summary>
    WithLastSave,
}

/// <summary>
/// The claim timing of every consumer and saga, by the consumer type name MassTransit gives the outbox filter
/// (<c>OutboxConsumeOptions.ConsumerType</c>, the type's <c>TypeCache</c> short name). Anything it does not know claims
/// before the consumer runs, which is always safe.
/// </summary>
internal sealed class InboxClaimTimings(IEnumerable<PostgresSagaType> sagas, IEnumerable<IConsumerRegistration> consumers)
{
    private readonly FrozenSet<PostgresSagaType> _sagas = sagas.ToFrozenSet();

    private readonly FrozenSet<string> _withLastSave = consumers
        .Select(x => x.Type)
        .Where(x => x.IsDefined(typeof(OnlyTransactionalEffectsAttribute), inherit: false))
        .Select(TypeCache.GetShortName)
        .ToFrozenSet(StringComparer.Ordinal);

    public InboxClaimTiming For<TDbContext>(string? consumerType)
        where TDbContext : DbContext
    {
        if (consumerType is null)
        {
            return InboxClaimTiming.BeforeConsumer;
        }

        if (_sagas.Contains(new PostgresSagaType(consumerType, typeof(TDbContext))))
        {
            return InboxClaimTiming.WithSagaLock;
        }

        return _withLastSave.Contains(consumerType) ? InboxClaimTiming.WithLastSave : InboxClaimTiming.BeforeConsumer;
    }
}
