using Microsoft.Extensions.Options;
using Platform.SinchEmulator.Apps;
using Platform.SinchEmulator.Callbacks;
using Platform.SinchEmulator.Webhooks;
using Platform.SinchEmulator.Wire;

namespace Platform.SinchEmulator.Setup;

/// <summary>Creates the configured apps and webhooks, so the platform can be pointed at the emulator with no manual step.</summary>
internal sealed class EmulatorSeeder(IOptions<EmulatorOptions> options, AppStore apps, WebhookStore webhooks, ILogger<EmulatorSeeder> logger)
{
    public void Seed()
    {
        foreach (var app in options.Value.Apps)
        {
            apps.Add(new EmulatedApp(app.Id, app.DisplayName,
                [.. app.Channels.Select(c => new AppChannel(c.Channel, c.ClaimedIdentity, c.Token))], app.CallbackSecret, app.Region));

            foreach (var configured in app.Webhooks)
            {
                var webhook = new Webhook(configured.Id ?? SinchIds.New(), app.Id, configured.Target, "HTTP", configured.Secret,
                    configured.Triggers.Count == 0 ? Triggers.PlatformDefaults : [.. configured.Triggers]);
                var problems = WebhooksApi.Validate(webhook);
                if (problems.Count > 0 || webhooks.TryAdd(webhook) != WebhookConflict.None)
                {
                    throw new OptionsValidationException(EmulatorOptions.Section, typeof(EmulatorOptions),
                        [$"Webhook {webhook.Target} of app {app.Id} is invalid: {string.Join("; ", problems.Select(p => p.Description))}"]);
                }
            }
            logger.AppSeeded(app.Id, app.Channels.Count, app.Webhooks.Count);
        }
    }
}

internal static partial class SetupLog // event ids 900-999
{
    [LoggerMessage(901, LogLevel.Information, "Seeded app {AppId} with {ChannelCount} channels and {WebhookCount} webhooks")]
    public static partial void AppSeeded(this ILogger logger, string appId, int channelCount, int webhookCount);
}
