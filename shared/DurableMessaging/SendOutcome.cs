namespace Platform.DurableMessaging;

/// <summary>How one send of a stored message (bus outbox, scheduler) ended.</summary>
internal abstract record SendOutcome
{
    public static readonly SendOutcome Sent = new Confirmed();

    /// <summary>The host is stopping; the send was not confirmed and is neither a failure nor done.</summary>
    public static readonly SendOutcome Stopped = new Interrupted();

    private SendOutcome()
    {
    }

    private sealed record Confirmed : SendOutcome;

    private sealed record Interrupted : SendOutcome;

    /// <summary>The broker refused it or did not confirm in time; <paramref name="Reason"/> is kept on the row.</summary>
    public sealed record Failed(string Reason) : SendOutcome;
}
