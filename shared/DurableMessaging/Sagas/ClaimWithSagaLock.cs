using MassTransit;

namespace Platform.DurableMessaging.Sagas;

/// <summary>
/// The sagas stored by the PostgreSQL saga repository, by the consumer type the consumer outbox knows them by: for their
/// messages the outbox leaves the inbox claim to the repository, which sends it in the same round trip as the saga's
/// row lock (docs/durable-messaging.md, "Round trips"). Any other consumer is claimed before it runs, as it may act
/// outside the database.
/// </summary>
internal sealed class ClaimWithSagaLock(IEnumerable<ClaimWithSagaLock.Saga> sagas)
{
    private readonly HashSet<string> _consumerTypes = [.. sagas.Select(x => x.ConsumerType)];

    public bool For(OutboxConsumeOptions options) => options.ConsumerType is { } type && _consumerTypes.Contains(type);

    /// <summary>One saga type's registration.</summary>
    internal sealed record Saga(string ConsumerType)
    {
        // The consumer outbox names a saga's consumer type the same way (OutboxConsumePipeSpecificationObserver).
        public static Saga Of<TSaga>()
            where TSaga : class, ISaga => new(TypeCache<TSaga>.ShortName);
    }
}
