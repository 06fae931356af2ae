using Platform.Testing;

namespace Platform.Routing.Tests.Support;

/// <summary>
/// One class's platform slice: its own vhost and database, the demo bot as the default bot, routing, and the peers.
/// Tests of a class share it and keep apart by using their own conversations and identities.
/// </summary>
public class RoutingFixture : IAsyncLifetime
{
    public InfrastructureFixture Infrastructure { get; } = new();

    public DemoBotHost Bot { get; private set; } = null!;

    public RoutingService Routing { get; private set; } = null!;

    public Peers Peers { get; private set; } = null!;

    /// <summary>Routing settings of this fixture, on top of the demo bot's.</summary>
    protected virtual Dictionary<string, string?> Settings(DemoBotHost bot) => bot.RoutingSettings();

    public async Task InitializeAsync()
    {
        await Infrastructure.InitializeAsync();
        Bot = DemoBotHost.Start();
        Peers = await Peers.StartAsync(Infrastructure);
        Routing = await RoutingService.StartAsync(Infrastructure, Settings(Bot));
    }

    /// <summary>Stops routing and starts it again on the same database and broker (a restart).</summary>
    public async Task RestartRoutingAsync()
    {
        await Routing.DisposeAsync();
        Routing = await RoutingService.StartAsync(Infrastructure, Settings(Bot));
    }

    public async Task DisposeAsync()
    {
        await Routing.DisposeAsync();
        await Peers.DisposeAsync();
        await Bot.DisposeAsync();
        await Infrastructure.DisposeAsync();
    }
}
