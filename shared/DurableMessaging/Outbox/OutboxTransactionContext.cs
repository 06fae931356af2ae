namespace Platform.DurableMessaging.Outbox;

/// <summary>
/// Payload on a consume context whose database transaction is already open (the consumer outbox): the saga repository
/// joins it instead of starting its own, so saga row, inbox row and outgoing messages commit together.
/// </summary>
internal interface IOutboxTransactionContext
{
    /// <summary>False once the outbox committed and only delivers; a saga never runs then.</summary>
    bool InTransaction { get; }

    /// <summary>True while the inbox row waits to be claimed by the saga repository (<see cref="Sagas.ClaimWithSagaLock"/>).</summary>
    bool ClaimPending { get; }

    /// <summary>The claim found the message consumed by an earlier delivery: the saga must not run again.</summary>
    bool ConsumedBefore { get; }

    /// <summary>Claims the inbox row in the same round trip as <paramref name="query"/>, the transaction's next query.</summary>
    Task<T> ClaimWith<T>(Func<Task<T>> query);

    /// <summary>Claims the inbox row in a round trip of its own.</summary>
    Task Claim();
}
