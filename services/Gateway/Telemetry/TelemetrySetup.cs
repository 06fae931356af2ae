namespace Platform.Gateway.Telemetry;

/// <summary>
/// Without an OTLP endpoint nothing reads the gateway's traces and metrics, yet collecting them (an activity, tags and
/// histograms for the incoming request and again for the forwarded one) took 15-20 % of the gateway's CPU per
/// forwarded webhook in the measurements of docs/architecture.md ("Cost of the gateway"). So the OpenTelemetry SDK is
/// switched off unless an endpoint is configured or <c>OTEL_SDK_DISABLED</c> is set explicitly either way.
/// </summary>
public static class TelemetrySetup
{
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string DisabledSetting = "OTEL_SDK_DISABLED";

    /// <summary>Call before <c>AddServiceDefaults</c>, which reads the setting when it builds the providers.</summary>
    public static IHostApplicationBuilder DisableTelemetryWithoutExporter(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrWhiteSpace(builder.Configuration[EndpointSetting]) && string.IsNullOrWhiteSpace(builder.Configuration[DisabledSetting]))
        {
            builder.Configuration[DisabledSetting] = "true";
        }

        return builder;
    }
}
