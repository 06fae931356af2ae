using System.ComponentModel.DataAnnotations;

namespace Platform.Console.Sessions;

/// <summary>How long a session lives without use (sliding).</summary>
public sealed class SessionOptions
{
    public const string Section = "Console:Sessions";

    [Range(5, 7 * 24 * 60)]
    public int IdleMinutes { get; set; } = 480;
}
