namespace Platform.ServiceDefaults.Health;

/// <summary>Tags that decide which health endpoint runs a check.</summary>
public static class HealthTags
{
    /// <summary>The process is alive; a failure means restart it.</summary>
    public const string Live = "live";

    /// <summary>A dependency the service needs to do useful work (broker, database); a failure means send no traffic.</summary>
    public const string Ready = "ready";
}

/// <summary>Paths of the health endpoints, the same on every service.</summary>
public static class HealthEndpoints
{
    /// <summary>Liveness.</summary>
    public const string Live = "/health/live";

    /// <summary>Readiness: broker and database.</summary>
    public const string Ready = "/health/ready";
}
