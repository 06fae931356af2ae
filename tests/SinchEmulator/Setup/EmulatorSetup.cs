using Microsoft.Extensions.Options;
using Platform.SinchEmulator.Apps;
using Platform.SinchEmulator.Auth;
using Platform.SinchEmulator.Callbacks;
using Platform.SinchEmulator.Contacts;
using Platform.SinchEmulator.Control;
using Platform.SinchEmulator.Conversations;
using Platform.SinchEmulator.Customers;
using Platform.SinchEmulator.Events;
using Platform.SinchEmulator.Media;
using Platform.SinchEmulator.Messages;
using Platform.SinchEmulator.Recording;
using Platform.SinchEmulator.Webhooks;
using Platform.SinchEmulator.Wire;

namespace Platform.SinchEmulator.Setup;

internal static class EmulatorSetup
{
    public static IServiceCollection AddSinchEmulator(this IServiceCollection services)
    {
        services.AddOptions<EmulatorOptions>().BindConfiguration(EmulatorOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmulatorOptions>, EmulatorOptionsValidator>();
        services.AddOptions<CallbackOptions>().BindConfiguration(CallbackOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CallbackOptions>, CallbackOptionsValidator>();
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>();

        services.ConfigureHttpJsonOptions(json => SinchJson.Configure(json.SerializerOptions));
        services.AddHealthChecks();
        services.AddHttpClient(CallbackDispatcher.HttpClientName, (provider, client) =>
            client.Timeout = TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<CallbackOptions>>().Value.TimeoutSeconds));
        services.AddHttpClient(MediaProbe.HttpClientName);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<AppStore>();
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<ContactStore>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<MessageStore>();
        services.AddSingleton<HostedMedia>();
        services.AddSingleton<Envelopes>();
        services.AddSingleton<CallbackModeSetting>();
        services.AddSingleton<CallbackDispatcher>();
        services.AddSingleton<DeliveryScripts>();
        services.AddSingleton<MediaProbe>();
        services.AddSingleton<DeliveryReporter>();
        services.AddSingleton<OutboundSender>();
        services.AddSingleton<SendRateLimiter>();
        services.AddSingleton<CustomerSimulator>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<RequestLog>();
        services.AddSingleton<CallbackLog>();
        services.AddSingleton<EmulatorSeeder>();
        services.AddSingleton<EmulatorReset>();
        return services;
    }

    public static WebApplication MapSinchEmulator(this WebApplication app)
    {
        // Before routing: the region prefix must be gone when the endpoint is chosen.
        app.UseMiddleware<RegionRouting>();
        app.UseRouting();
        app.UseMiddleware<RequestRecordingMiddleware>();
        app.UseMiddleware<FaultMiddleware>();

        app.MapHealthChecks("/health/live");
        app.MapHealthChecks("/health/ready");

        app.MapTokenApi();
        var sinch = app.MapGroup("/v1/projects/{projectId}").AddEndpointFilter<SinchApiAuthFilter>().AddEndpointFilter<RegionFilter>();
        sinch.MapAppsApi();
        sinch.MapWebhooksApi();
        sinch.MapMessagesApi();
        sinch.MapEventsApi();
        sinch.MapConversationsApi();
        sinch.MapContactsApi();

        var control = app.MapGroup("/emulator");
        control.MapCustomersApi();
        control.MapMediaApi();
        control.MapControlApi();
        control.MapRecordingApi();

        app.Services.GetRequiredService<EmulatorSeeder>().Seed();
        return app;
    }
}
