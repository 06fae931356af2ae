using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Platform.ServiceDefaults.Configuration;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.Telemetry;
using Scalar.AspNetCore;

namespace Platform.ServiceDefaults;

/// <summary>
/// The one hosting call every service makes, so that all of them start, log, trace and report health the same way.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Adds JSON logs, OpenTelemetry, health checks, problem details, request validation, OpenAPI and resilient
    /// HTTP clients. Settings are validated when the host starts.
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var service = builder.Services.AddValidatedOptions<ServiceOptions>(builder.Configuration, ServiceOptions.Section);

        builder.AddJsonLogging();
        builder.AddPlatformTelemetry(service.Name ?? builder.Environment.ApplicationName);

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [HealthTags.Live]);
        builder.Services.AddProblemDetails();
        builder.Services.AddValidation();
        builder.Services.AddOpenApi();
        // Retries only for safe methods: a retried POST (e.g. Sinch messages:send after a timeout) would act twice.
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler(o => o.Retry.DisableForUnsafeHttpMethods()));
        return builder;
    }

    /// <summary>
    /// Maps <c>/health/live</c> (the process answers), <c>/health/ready</c> (every dependency tagged ready answers),
    /// the OpenAPI document, and in Development the Scalar page; turns every error into problem details.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        // Probes carry no credentials, also where a fallback authorization policy protects everything else.
        app.MapHealthChecks(HealthEndpoints.Live, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Live),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).AllowAnonymous();
        app.MapHealthChecks(HealthEndpoints.Ready, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Ready),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).AllowAnonymous();

        app.MapMetricsEndpoint();
        app.MapOpenApi();
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference();
        }

        return app;
    }
}
