using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Platform.Routing.Bots;

/// <summary>The bot connector's resilience; section <c>Routing:Bots</c>.</summary>
public sealed class BotOptions
{
    public const string Section = "Routing:Bots";

    /// <summary>Tries per message (the first included); only timeouts, 408, 429 and 5xx are tried again.</summary>
    [Range(1, 10)]
    public int Attempts { get; set; } = 3;

    /// <summary>Wait before the second try; doubled for each further one.</summary>
    [Range(0, 60_000)]
    public int RetryDelayMs { get; set; } = 200;

    /// <summary>Messages in a row a bot failed before its circuit opens.</summary>
    [Range(1, 1_000)]
    public int BreakerFailures { get; set; } = 5;

    /// <summary>How long an open circuit fails fast before one trial message is let through.</summary>
    [Range(1, 3_600)]
    public int BreakerSeconds { get; set; } = 30;
}

[OptionsValidator]
internal sealed partial class BotOptionsValidator : IValidateOptions<BotOptions>;
