using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.Egress.Sinch;

namespace Platform.Egress.Apps;

public static class AppsSetup
{
    /// <summary>App connections, the Sinch client they share with the other features, and secret distribution to ingress.</summary>
    public static IBusRegistrationConfigurator AddSinchApps(this IBusRegistrationConfigurator services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<AppsOptions>().BindConfiguration(AppsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AppsOptions>, AppsOptionsValidator>();
        services.AddOptions<SinchOptions>().BindConfiguration(SinchOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SinchOptions>, SinchOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        // No standard resilience handler: a retried POST messages:send could send twice, and its circuit breaker would
        // hide Sinch's own answers; egress retries through the durable scheduler. (Evaluation API, hence the pragma.)
#pragma warning disable EXTEXP0001
        services.AddHttpClient(SinchTokenCache.HttpClientName, (sp, http) =>
            http.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<SinchOptions>>().Value.TimeoutSeconds))
            .RemoveAllResilienceHandlers();
        services.AddHttpClient<SinchClient>((sp, http) =>
            http.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<SinchOptions>>().Value.TimeoutSeconds))
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        services.AddSingleton<SinchTokenCache>();
        services.AddSingleton<AppSecrets>();
        services.AddScoped<AppConnector>();
        services.AddScoped<WebhookSecretsSnapshots>();
        services.AddHostedService<WebhookSecretsBroadcaster>();
        services.AddConsumer<AnswerWebhookSecretsRequestConsumer>();
        return services;
    }
}
