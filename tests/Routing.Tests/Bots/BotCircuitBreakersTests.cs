using Microsoft.Extensions.Options;
using Platform.Routing.Bots;
using Platform.Routing.Tests.Support;

namespace Platform.Routing.Tests.Bots;

public sealed class BotCircuitBreakersTests
{
    private static readonly Guid Bot = Guid.NewGuid();
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    private BotCircuitBreakers Breakers() => new(Options.Create(new BotOptions { BreakerFailures = 3, BreakerSeconds = 30 }), _clock);

    [Fact]
    public void The_circuit_opens_after_failures_in_a_row_and_fails_fast_until_the_break_is_over()
    {
        var breakers = Breakers();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(breakers.TryEnter(Bot));
            breakers.Failed(Bot);
        }

        Assert.False(breakers.TryEnter(Bot));
        _clock.Now += TimeSpan.FromSeconds(31);
        Assert.True(breakers.TryEnter(Bot));
        Assert.False(breakers.TryEnter(Bot)); // one trial at a time
        breakers.Succeeded(Bot);
        Assert.True(breakers.TryEnter(Bot));
    }

    [Fact]
    public void A_failed_trial_opens_the_circuit_again_and_a_success_resets_the_count()
    {
        var breakers = Breakers();
        breakers.Failed(Bot);
        breakers.Failed(Bot);
        breakers.Succeeded(Bot);
        breakers.Failed(Bot);
        Assert.True(breakers.TryEnter(Bot));

        breakers.Failed(Bot);
        breakers.Failed(Bot);
        _clock.Now += TimeSpan.FromSeconds(31);
        Assert.True(breakers.TryEnter(Bot));
        breakers.Failed(Bot);
        Assert.False(breakers.TryEnter(Bot));
    }
}
