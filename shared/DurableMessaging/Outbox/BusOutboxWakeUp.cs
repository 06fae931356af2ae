namespace Platform.DurableMessaging.Outbox;

/// <summary>Lets a scope that saved bus-outbox messages wake this replica's delivery workers instead of waiting for their poll.</summary>
internal sealed class BusOutboxWakeUp : WakeUpSignal;
