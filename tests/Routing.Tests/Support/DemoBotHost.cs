extern alias demobot;

using Platform.Testing;

namespace Platform.Routing.Tests.Support;

/// <summary>The demo bot (samples/DemoBot) served on a loopback port, as routing's default bot.</summary>
public sealed class DemoBotHost : IAsyncDisposable
{
    public const string Secret = "demo-bot-test-secret-0123456789";
    private readonly ServiceFactory<demobot::Program> _factory;

    private DemoBotHost(ServiceFactory<demobot::Program> factory, Uri url)
    {
        _factory = factory;
        Url = url;
    }

    public Uri Url { get; }

    public static DemoBotHost Start()
    {
        var factory = new ServiceFactory<demobot::Program>(new Dictionary<string, string?> { ["DemoBot:Secret"] = Secret });
        var address = factory.StartOnLoopback();
        return new DemoBotHost(factory, new Uri(address, "/bot"));
    }

    /// <summary>Routing's settings that make the demo bot the default rule's target.</summary>
    public Dictionary<string, string?> RoutingSettings() => new()
    {
        ["Routing:DefaultBot:Name"] = "Demo bot",
        ["Routing:DefaultBot:Url"] = Url.ToString(),
        ["Routing:DefaultBot:Secret"] = Secret,
    };

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
