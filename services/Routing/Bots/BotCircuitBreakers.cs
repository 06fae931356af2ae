using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Platform.Routing.Bots;

/// <summary>
/// One circuit per bot, per replica: after <see cref="BotOptions.BreakerFailures"/> failed messages in a row, messages to
/// that bot fail at once for <see cref="BotOptions.BreakerSeconds"/> (and go to the default queue), then one trial
/// message decides whether it closes again.
/// </summary>
public sealed class BotCircuitBreakers(IOptions<BotOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, Circuit> _circuits = new();

    public bool TryEnter(Guid botId)
    {
        var circuit = _circuits.GetOrAdd(botId, _ => new Circuit());
        lock (circuit)
        {
            if (circuit.OpenUntil is not { } until)
            {
                return true;
            }

            if (clock.GetUtcNow() < until || circuit.TrialRunning)
            {
                return false;
            }

            circuit.TrialRunning = true;
            return true;
        }
    }

    public void Succeeded(Guid botId)
    {
        var circuit = _circuits.GetOrAdd(botId, _ => new Circuit());
        lock (circuit)
        {
            circuit.Failures = 0;
            circuit.OpenUntil = null;
            circuit.TrialRunning = false;
        }
    }

    public void Failed(Guid botId)
    {
        var circuit = _circuits.GetOrAdd(botId, _ => new Circuit());
        lock (circuit)
        {
            circuit.Failures++;
            if (circuit.TrialRunning || circuit.Failures >= options.Value.BreakerFailures)
            {
                circuit.OpenUntil = clock.GetUtcNow() + TimeSpan.FromSeconds(options.Value.BreakerSeconds);
            }

            circuit.TrialRunning = false;
        }
    }

    private sealed class Circuit
    {
        public int Failures { get; set; }
        public DateTimeOffset? OpenUntil { get; set; }
        public bool TrialRunning { get; set; }
    }
}
