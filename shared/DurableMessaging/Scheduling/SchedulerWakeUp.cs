namespace Platform.DurableMessaging.Scheduling;

/// <summary>Lets this replica's schedule consumer wake its sweeper when it stored a row due sooner than the next poll.</summary>
internal sealed class SchedulerWakeUp : WakeUpSignal;
