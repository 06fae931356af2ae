using System.Net;
using System.Net.Sockets;
using Platform.Contracts;
using Platform.Testing;

namespace Platform.EndToEnd.Tests.Loop;

[Trait("Category", TestCategories.EndToEnd)]
[Collection(WholePlatform.Collection)]
public sealed class DeadBotTests(WholePlatform platform)
{
    private readonly RoutingClient routing = new(platform);

    [Fact]
    public async Task A_conversation_whose_bot_does_not_answer_is_handed_to_the_default_queue()
    {
        var token = $"deadbot-{Guid.NewGuid():N}";
        var bot = await routing.CreateBotAsync(token, new Uri($"http://127.0.0.1:{ClosedPort()}/bot"));
        await routing.CreateRuleAsync(token, "bot", bot);
        var defaultQueue = await routing.DefaultQueueAsync();

        var text = await platform.CustomerAsync("text", new { identity = "46700007001", text = $"{token} hello?" });
        var conversationId = CorrelationIds.ForSinchConversation(text.ConversationId);

        // Queued, or already offered to an agent of the default queue (other tests' agents may be free).
        var handedOff = await Eventually.ReturnsAsync(
            () => routing.ConversationAsync(conversationId),
            c => c.ValueKind == System.Text.Json.JsonValueKind.Object && c.GetProperty("state").GetString() is "Queued" or "Assigned",
            "the bot connector gave up on the dead bot and handed the conversation to a queue",
            TimeSpan.FromSeconds(90));
        Assert.Equal(defaultQueue, handedOff.GetProperty("queueId").GetGuid());
        Assert.DoesNotContain(await routing.TranscriptAsync(conversationId), e => e.Author() == "bot");
    }

    /// <summary>A loopback port nothing listens on: taken from the OS, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
