namespace Platform.DurableMessaging.Outbox;

/// <summary>
/// Payload on a consume context whose database transaction is already open (the consumer outbox): the saga repository
/// joins it instead of starting its own, so saga row, inbox row and outgoing messages commit together.
/// </summary>
internal interface IOutboxTransactionContext
{
    /// <summary>False once the outbox committed and only delivers; a saga never runs then.</summary>
    bool InTransaction { get; }
}
