using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Platform.Ingress.Webhooks;

public static class WebhooksSetup
{
    /// <summary>Registers the Sinch webhook: validated <see cref="IngressOptions"/> (start-up fails on bad ones), handler, metrics.</summary>
    public static IHostApplicationBuilder AddSinchWebhooks(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<IngressOptions>().BindConfiguration(IngressOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IngressOptions>, IngressOptionsValidator>();
        services.AddSingleton<IValidateOptions<IngressOptions>, IngressAppsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<IngressMetrics>();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<AcceptedNonces>();
        services.AddSingleton<CallbackPublisher>();
        services.AddSingleton<SinchCallbackHandler>();
        return builder;
    }
}
