using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>Logs, traces and metrics, set up once for every service.</summary>
public static class TelemetryExtensions
{
    /// <summary>
    /// ActivitySource and Meter names our building blocks and MassTransit/Npgsql publish on; services add their own
    /// with <see cref="PlatformTelemetry.SourceName"/>.
    /// </summary>
    private static readonly string[] Sources = [PlatformTelemetry.SourceName, "MassTransit", "Npgsql"];

    /// <summary>The setting that names the OTLP collector (standard OpenTelemetry environment variable).</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Structured JSON logs on the console (one object per line, scopes included) unless a different console
    /// formatter is configured, e.g. <c>Logging__Console__FormatterName=simple</c> for a person at a terminal.
    /// </summary>
    public static IHostApplicationBuilder AddJsonLogging(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var formatter = builder.Configuration["Logging:Console:FormatterName"];
        builder.Logging.ClearProviders();
        // Every log line inside a span carries its trace and span ids (as a scope), so a line found in the logs leads to
        // the whole trace of the message in the dashboard; set here, not left to which host builder a service uses.
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        // One AddConsole only: AddJsonConsole would add a second configuration that forces the json formatter.
        builder.Logging.AddConsole(o => o.FormatterName = string.IsNullOrEmpty(formatter) ? ConsoleFormatterNames.Json : formatter);
        builder.Services.Configure<JsonConsoleFormatterOptions>(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });
        builder.Logging.AddOpenTelemetry(o =>
        {
            o.IncludeFormattedMessage = true;
            o.IncludeScopes = true;
        });
        return builder;
    }

    /// <summary>
    /// Metrics, always (every service serves them for a Prometheus scrape, <see cref="MapMetricsEndpoint"/>), and
    /// traces that follow one message across HTTP and the bus. Traces are collected only when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names a collector, which then receives traces, metrics and logs: with no
    /// reader, collecting them cost the gateway 15-20 % of its CPU per forwarded webhook (docs/architecture.md,
    /// "Cost of the gateway").
    /// </summary>
    public static IHostApplicationBuilder AddPlatformTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter(Sources)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());

        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointSetting]))
        {
            otel.WithTracing(tracing => tracing
                    .AddSource(Sources)
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                    .AddHttpClientInstrumentation())
                .UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// <c>GET /metrics</c> in Prometheus' text format. With <c>Telemetry:MetricsPort</c> set it answers only on that
    /// port and without credentials (Kubernetes scrapes a port its Service does not publish); without it the endpoint
    /// follows the service's authorization, so the public gateway's metrics need its API key.
    /// </summary>
    public static WebApplication MapMetricsEndpoint(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var endpoint = app.MapPrometheusScrapingEndpoint("/metrics");
        if (app.Configuration.GetValue<int?>("Telemetry:MetricsPort") is { } port)
        {
            endpoint.RequireHost($"*:{port}").AllowAnonymous();
        }

        return app;
    }
}

/// <summary>Names under which the platform's own code emits traces and metrics.</summary>
public static class PlatformTelemetry
{
    /// <summary>The ActivitySource and Meter name of platform code (building blocks and services).</summary>
    public const string SourceName = "Platform";
}
