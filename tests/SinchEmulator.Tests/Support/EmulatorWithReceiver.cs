namespace Platform.SinchEmulator.Tests.Support;

/// <summary>An in-process emulator whose webhook points at a real loopback receiver, as the platform's ingress would be.</summary>
public sealed class EmulatorWithReceiver : IAsyncDisposable
{
    public const string WebhookSecret = "s3cr3t-webhook-key-2025";

    public static readonly string[] AllTriggers =
    [
        "MESSAGE_INBOUND", "MESSAGE_DELIVERY", "EVENT_INBOUND", "CONVERSATION_START", "CONVERSATION_STOP",
        "CONTACT_CREATE", "CONTACT_UPDATE", "OPT_IN", "OPT_OUT",
    ];

    private EmulatorWithReceiver(EmulatorFactory factory, CallbackReceiver receiver, EmulatorClient client, string webhookId)
    {
        Factory = factory;
        Receiver = receiver;
        Client = client;
        WebhookId = webhookId;
    }

    public EmulatorFactory Factory { get; }
    public CallbackReceiver Receiver { get; }
    public EmulatorClient Client { get; }
    public string WebhookId { get; }

    /// <summary>The webhook is seeded from configuration, the way `./platform up` points the emulator at ingress.</summary>
    public static async Task<EmulatorWithReceiver> StartAsync(string[]? triggers = null, IDictionary<string, string?>? settings = null)
    {
        var receiver = await CallbackReceiver.StartAsync();
        var seeded = new Dictionary<string, string?>
        {
            ["Emulator:Apps:0:Webhooks:0:Id"] = "01JWHK2A4C6E8G0J2M4P6R8T0W",
            ["Emulator:Apps:0:Webhooks:0:Target"] = receiver.WebhookUrl,
            ["Emulator:Apps:0:Webhooks:0:Secret"] = WebhookSecret,
        };
        var chosen = triggers ?? AllTriggers;
        for (var i = 0; i < chosen.Length; i++)
        {
            seeded[$"Emulator:Apps:0:Webhooks:0:Triggers:{i}"] = chosen[i];
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            seeded[key] = value;
        }
        var factory = new EmulatorFactory(seeded);
        return new EmulatorWithReceiver(factory, receiver, new EmulatorClient(factory.CreateClient()), "01JWHK2A4C6E8G0J2M4P6R8T0W");
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
