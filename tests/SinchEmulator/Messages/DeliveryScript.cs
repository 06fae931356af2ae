using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Platform.SinchEmulator.Callbacks;

namespace Platform.SinchEmulator.Messages;

/// <summary>One delivery report to emit, DelayMs after the previous one.</summary>
internal sealed record DeliveryStep(string Status, int DelayMs = 0, DeliveryReason? Reason = null);

internal sealed record DeliveryScript(IReadOnlyList<DeliveryStep> Steps)
{
    public static readonly IReadOnlySet<string> Statuses = new HashSet<string>(StringComparer.Ordinal)
    {
        "QUEUED_ON_CHANNEL", "DELIVERED", "READ", "FAILED", "SWITCHING_CHANNEL",
    };

    public static readonly DeliveryScript Default = new(
    [
        new("QUEUED_ON_CHANNEL"),
        new("DELIVERED", DelayMs: 100),
        new("READ", DelayMs: 200),
    ]);

    public IEnumerable<string> Problems()
    {
        for (var i = 0; i < Steps.Count; i++)
        {
            if (!Statuses.Contains(Steps[i].Status))
            {
                yield return $"steps[{i}].status must be one of {string.Join(", ", Statuses)}";
            }
            if (Steps[i].DelayMs is < 0 or > 600_000)
            {
                yield return $"steps[{i}].delay_ms must be between 0 and 600000";
            }
        }
    }
}

internal sealed class DeliveryOptions
{
    public const string Section = "Emulator:Delivery";

    /// <summary>Empty = QUEUED_ON_CHANNEL, DELIVERED, READ.</summary>
    public List<DeliveryStepOptions> DefaultScript { get; set; } = [];

    /// <summary>How long the emulated channel waits for a media URL before MEDIA_NOT_REACHABLE.</summary>
    [Range(0.05, 120)]
    public double MediaFetchTimeoutSeconds { get; set; } = 5;
}

internal sealed class DeliveryStepOptions
{
    public string Status { get; set; } = "";
    public int DelayMilliseconds { get; set; }
    public string? ReasonCode { get; set; }
    public string? ReasonDescription { get; set; }
}

[OptionsValidator]
internal sealed partial class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>;

/// <summary>The script in force: per recipient identity if one was set, else the default.</summary>
internal sealed class DeliveryScripts(IOptions<DeliveryOptions> options)
{
    private readonly ConcurrentDictionary<string, DeliveryScript> _byIdentity = new(StringComparer.Ordinal);
    private DeliveryScript? _default;

    public DeliveryScript DefaultScript
    {
        get => Volatile.Read(ref _default) ?? Configured();
        set => Volatile.Write(ref _default, value);
    }

    public DeliveryScript For(string identity) => _byIdentity.TryGetValue(identity, out var script) ? script : DefaultScript;

    public void SetFor(string identity, DeliveryScript script) => _byIdentity[identity] = script;

    public bool ClearFor(string identity) => _byIdentity.TryRemove(identity, out _);

    public void Reset()
    {
        _byIdentity.Clear();
        Volatile.Write(ref _default, null);
    }

    private DeliveryScript Configured() => options.Value.DefaultScript.Count == 0
        ? DeliveryScript.Default
        : new DeliveryScript([.. options.Value.DefaultScript.Select(s => new DeliveryStep(s.Status, s.DelayMilliseconds,
            s.ReasonCode is null ? null : new DeliveryReason(s.ReasonCode, s.ReasonDescription ?? "")))]);
}
