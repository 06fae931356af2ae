namespace Platform.AppHost;

/// <summary>
/// The app host's own settings (section <c>Platform</c>): where RabbitMQ and PostgreSQL come from and the fixed local
/// ports that the README, the <c>.http</c> files and <c>./platform up</c> agree on.
/// </summary>
internal sealed class PlatformSettings
{
    public const string Section = "Platform";

    /// <summary><c>containers</c>, <c>executables</c>, or empty: containers when a Docker engine answers.</summary>
    public string Infrastructure { get; set; } = "";

    public int GatewayPort { get; set; } = 5080;

    public int EmulatorPort { get; set; } = 5090;

    public int DemoBotPort { get; set; } = 5091;

    public int PostgresPort { get; set; } = 55432;

    public int AmqpPort { get; set; } = 55672;

    /// <summary>Base port of the services: ingress, contact, routing, media, egress, console take it +1 ... +6.</summary>
    public int ServicesBasePort { get; set; } = 5080;
}
