using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Platform.Egress.Outbound;

/// <summary>Outbound sends; section <c>Egress:Outbound</c>.</summary>
public sealed class OutboundOptions
{
    public const string Section = "Egress:Outbound";

    /// <summary>Sends per second per app across all egress replicas; below Sinch's 800 requests/s per project.</summary>
    [Range(1, 800)]
    public int SendsPerSecondPerApp { get; set; } = 500;

    /// <summary>Tries of a send that Sinch answers with 429 or 5xx before the message fails.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First retry delay; doubles per attempt, with full jitter, up to <see cref="MaxRetryDelaySeconds"/>.</summary>
    [Range(1, 600_000)]
    public int InitialRetryDelayMs { get; set; } = 1_000;

    [Range(1, 3_600)]
    public int MaxRetryDelaySeconds { get; set; } = 300;

    /// <summary>WhatsApp's customer service window.</summary>
    [Range(1, 168)]
    public int WhatsAppWindowHours { get; set; } = 24;
}

[OptionsValidator]
internal sealed partial class OutboundOptionsValidator : IValidateOptions<OutboundOptions>;
