using Microsoft.Extensions.Logging.Abstractions;
using Platform.DurableMessaging.Scheduling;
using Platform.Shared.Tests.DurableMessaging.Support;

namespace Platform.Shared.Tests.DurableMessaging;

/// <summary>How long the scheduler waits after a sweep: pure logic over the sweep, the next due time and the clock.</summary>
public sealed class SchedulerWaitTests
{
    private static readonly DateTimeOffset ClaimedAt = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly PostgresSchedulerOptions Options = new() { QueryDelay = TimeSpan.FromSeconds(1) };

    [Fact]
    public void A_row_that_fell_due_after_the_claim_is_swept_at_once()
    {
        // Rows due every few milliseconds: the next one was not due when this sweep claimed, and is by now.
        var wait = NextWait(claimed: 0, nextDue: ClaimedAt.AddMilliseconds(2), now: ClaimedAt.AddMilliseconds(5));

        Assert.Equal(TimeSpan.Zero, wait);
    }

    [Fact]
    public void A_row_that_was_due_at_the_claim_and_not_claimed_is_held_elsewhere_and_backs_off()
    {
        Assert.Equal(Options.QueryDelay, NextWait(claimed: 0, nextDue: ClaimedAt.AddMilliseconds(-1), now: ClaimedAt.AddMilliseconds(5)));
        Assert.Equal(Options.QueryDelay, NextWait(claimed: 3, nextDue: ClaimedAt, now: ClaimedAt.AddMilliseconds(5)));
    }

    [Fact]
    public void A_row_due_later_is_waited_for_up_to_the_query_delay()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(295), NextWait(claimed: 1, nextDue: ClaimedAt.AddMilliseconds(300), now: ClaimedAt.AddMilliseconds(5)));
        Assert.Equal(Options.QueryDelay, NextWait(claimed: 1, nextDue: ClaimedAt.AddMinutes(5), now: ClaimedAt.AddMilliseconds(5)));
    }

    [Fact]
    public void No_row_or_an_incomplete_sweep_waits_the_query_delay()
    {
        Assert.Equal(Options.QueryDelay, NextWait(claimed: 0, nextDue: null, now: ClaimedAt));
        Assert.Equal(Options.QueryDelay, NextWait(claimed: 2, nextDue: ClaimedAt.AddMilliseconds(10), now: ClaimedAt.AddMilliseconds(20), complete: false));
    }

    private static TimeSpan NextWait(int claimed, DateTimeOffset? nextDue, DateTimeOffset now, bool complete = true)
    {
        var service = new ScheduledMessageDeliveryService<DurableTestDbContext>(
            bus: null!, scopes: null!, wakeUp: null!, Microsoft.Extensions.Options.Options.Create(Options),
            NullLogger<ScheduledMessageDeliveryService<DurableTestDbContext>>.Instance, metrics: null!, new ManualTime(now));
        return service.NextWait(new SweepResult(claimed, complete, ClaimedAt.UtcDateTime), nextDue?.UtcDateTime, Options);
    }
}
