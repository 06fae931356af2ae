using Platform.SinchEmulator.Apps;
using Platform.SinchEmulator.Auth;
using Platform.SinchEmulator.Callbacks;
using Platform.SinchEmulator.Contacts;
using Platform.SinchEmulator.Conversations;
using Platform.SinchEmulator.Media;
using Platform.SinchEmulator.Messages;
using Platform.SinchEmulator.Recording;
using Platform.SinchEmulator.Setup;
using Platform.SinchEmulator.Webhooks;

namespace Platform.SinchEmulator.Control;

/// <summary>Back to the state right after start: configuration seeded again, everything else forgotten.</summary>
internal sealed class EmulatorReset(
    AppStore apps,
    WebhookStore webhooks,
    ContactStore contacts,
    ConversationStore conversations,
    MessageStore messages,
    HostedMedia media,
    AccessTokens tokens,
    CallbackDispatcher callbacks,
    CallbackModeSetting callbackMode,
    DeliveryReporter reporter,
    DeliveryScripts scripts,
    SendRateLimiter rateLimiter,
    FaultInjector faults,
    RequestLog requests,
    CallbackLog callbackLog,
    EmulatorSeeder seeder)
{
    public void Reset()
    {
        callbacks.Reset();
        reporter.Reset();
        apps.Clear();
        webhooks.Clear();
        contacts.Clear();
        conversations.Clear();
        messages.Clear();
        media.Clear();
        tokens.Clear();
        callbackMode.Current = new CallbackMode();
        scripts.Reset();
        rateLimiter.PerSecond = null;
        faults.Current = null;
        requests.Clear();
        callbackLog.Clear();
        seeder.Seed();
    }
}
