using System.ComponentModel.DataAnnotations;

namespace Platform.ServiceDefaults.Configuration;

/// <summary>Settings every service has; names the service in logs and traces.</summary>
public sealed class ServiceOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Service";

    /// <summary>Overrides the service name in telemetry (defaults to the application name).</summary>
    [MaxLength(64)]
    public string? Name { get; set; }
}
