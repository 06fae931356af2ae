namespace Platform.DurableMessaging.Outbox;

/// <summary>
/// Payload on a consume context whose database transaction is already open (the consumer outbox): the saga repository
/// joins it instead of starting its own, so saga row, inbox row and outgoing messages commit together.
/// </summary>
internal interface IOutboxTransactionContext
{
    /// <summary>False once the outbox committed and only delivers; a saga never runs then.</summary>
    bool InTransaction { get; }

    /// <summary>
    /// True while the inbox claim waits for a later statement to travel with: a saga's row lock, its first statement, or
    /// the last save of a consumer with only transactional effects (docs/durable-messaging.md, "Consumer outbox"). A saga
    /// must claim before it does anything else.
    /// </summary>
    bool ClaimPending { get; }

    /// <summary>
    /// Runs the pending claim, with <paramref name="then"/> in the same round trip. False when the message turns out to
    /// be a copy of one seen before: the consumer must then do nothing, and the outbox does the step again, claiming first.
    /// </summary>
    Task<bool> Claim(FollowingStatement? then, CancellationToken cancellationToken);
}
