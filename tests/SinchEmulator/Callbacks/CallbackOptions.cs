using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Platform.SinchEmulator.Callbacks;

/// <summary>
/// Sinch's real retry schedule is undocumented (docs/sinch-wire-format.md §14); this is the emulator's default from there,
/// 1 s × 2ⁿ, with every number configurable so tests can run it in milliseconds.
/// </summary>
internal sealed class CallbackOptions
{
    public const string Section = "Emulator:Callbacks";

    [Range(0.05, 300)]
    public double TimeoutSeconds { get; set; } = 10;

    [Range(0, 3_600_000)]
    public int InitialBackoffMilliseconds { get; set; } = 1000;

    [Range(0, 86_400_000)]
    public int MaxBackoffMilliseconds { get; set; } = 60_000;

    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    public TimeSpan BackoffBefore(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxBackoffMilliseconds, InitialBackoffMilliseconds * Math.Pow(2, attempt - 2)));
}

[OptionsValidator]
internal sealed partial class CallbackOptionsValidator : IValidateOptions<CallbackOptions>;
