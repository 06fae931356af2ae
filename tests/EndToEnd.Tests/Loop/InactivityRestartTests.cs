using Npgsql;
using Platform.Contracts;
using Platform.Testing;

namespace Platform.EndToEnd.Tests.Loop;

[Trait("Category", TestCategories.EndToEnd)]
[Collection(WholePlatform.Collection)]
public sealed class InactivityRestartTests(WholePlatform platform)
{
    private readonly RoutingClient routing = new(platform);

    [Fact]
    public async Task An_inactivity_end_due_while_routing_was_stopped_ends_the_conversation_after_a_new_routing_host_starts()
    {
        // A queue no agent serves (its skill is nobody's) with a short inactivity time, and a rule sending this test's
        // conversation there.
        var token = $"idle-{Guid.NewGuid():N}";
        var queue = await routing.CreateQueueAsync(token, skill: token, inactivitySeconds: 8);
        await routing.CreateRuleAsync(token, "queue", queue);

        var text = await platform.CustomerAsync("text", new { identity = "46700004001", text = $"{token} anyone there?" });
        var conversationId = CorrelationIds.ForSinchConversation(text.ConversationId);
        var queued = await routing.ConversationInStateAsync(conversationId, "Queued", "the conversation waits in the test's queue");
        var dueAt = queued.GetProperty("inactivityDueAt").GetDateTimeOffset();

        await platform.StopRoutingAsync();
        try
        {
            // Nothing of routing runs now; the conversation must still be open, else the timer fired before the stop
            // and this test would prove nothing.
            Assert.Equal("Queued", await StateInDatabaseAsync(conversationId));
            await Eventually.TrueAsync(
                () => Task.FromResult(DateTimeOffset.UtcNow > dueAt.AddSeconds(1)),
                "the inactivity end came due while routing was stopped",
                TimeSpan.FromSeconds(60));
            Assert.Equal("Queued", await StateInDatabaseAsync(conversationId));
        }
        finally
        {
            await platform.StartRoutingAsync();
        }

        var ended = await routing.ConversationInStateAsync(conversationId, "Ended", "the new routing host fired the durable inactivity timer");
        Assert.Equal("inactivity", ended.GetProperty("endedBy").GetString());
    }

    private async Task<string?> StateInDatabaseAsync(Guid conversationId)
    {
        await using var connection = new NpgsqlConnection(platform.RoutingDatabase);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"CurrentState\" FROM routing.conversations WHERE \"CorrelationId\" = @id", connection);
        command.Parameters.AddWithValue("id", conversationId);
        return (string?)await command.ExecuteScalarAsync();
    }
}
