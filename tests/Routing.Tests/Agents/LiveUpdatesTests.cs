using Platform.Contracts;
using Platform.Routing.Agents;
using Platform.Routing.Tests.Support;
using Platform.Testing;

namespace Platform.Routing.Tests.Agents;

[Trait("Category", TestCategories.Integration)]
public sealed class LiveUpdatesTests(RoutingFixture fixture) : IClassFixture<RoutingFixture>
{
    [Fact]
    public async Task An_agents_event_stream_shows_the_assignment_and_the_customers_messages_of_its_conversation()
    {
        var agent = await fixture.Routing.CreateAgentAsync("Streamer");
        await fixture.Routing.SetStatusAsync(agent.Id, AgentStatuses.Available);
        using var deadline = new CancellationTokenSource(Eventually.DefaultTimeout);
        using var response = await fixture.Routing.Client.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, $"/api/routing/agents/{agent.Id}/events"), HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(deadline.Token));

        var sinchConversation = Customers.NewConversation();
        var id = CorrelationIds.ForSinchConversation(sinchConversation);
        await fixture.Peers.Publish(Customers.Text("agent", sinchConversation));
        await fixture.Routing.WaitForStateAsync(id, "Assigned");
        await fixture.Peers.Publish(Customers.Text("are you there?", sinchConversation));

        var seen = new List<string>();
        while (!(seen.Contains("event: assignment") && seen.Contains("event: transcript-entry")))
        {
            var line = await reader.ReadLineAsync(deadline.Token) ?? throw new InvalidOperationException("the stream ended");
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                seen.Add(line);
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && seen[^1] != "event: connected")
            {
                Assert.Contains(id.ToString(), line, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task An_agents_event_stream_shows_when_the_customers_media_is_stored()
    {
        var agent = await fixture.Routing.CreateAgentAsync("Media watcher");
        await fixture.Routing.SetStatusAsync(agent.Id, AgentStatuses.Available);
        var sinchConversation = Customers.NewConversation();
        var id = CorrelationIds.ForSinchConversation(sinchConversation);
        await fixture.Peers.Publish(Customers.Text("agent", sinchConversation));
        await fixture.Routing.WaitForStateAsync(id, "Assigned");
        using var deadline = new CancellationTokenSource(Eventually.DefaultTimeout);
        using var response = await fixture.Routing.Client.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, $"/api/routing/agents/{agent.Id}/events"), HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(deadline.Token));

        var picture = Customers.Media("https://cdn.example/picture.png", sinchConversation);
        await fixture.Peers.Publish(picture);
        await fixture.Peers.Publish(new MediaStored
        {
            MediaId = Guid.NewGuid(),
            ConversationId = Guid.Empty,
            SinchMessageId = picture.SinchMessageId,
            SinchAppId = picture.SinchAppId,
            ContentType = "image/png",
            Length = 68,
            Sha256 = new string('a', 64),
            SourceUrl = "https://cdn.example/picture.png",
            StoredAt = DateTimeOffset.UtcNow,
        });

        string? line;
        do
        {
            line = await reader.ReadLineAsync(deadline.Token) ?? throw new InvalidOperationException("the stream ended");
        }
        while (line != "event: transcript-media");
        Assert.Contains(id.ToString(), await reader.ReadLineAsync(deadline.Token), StringComparison.OrdinalIgnoreCase);
    }
}
