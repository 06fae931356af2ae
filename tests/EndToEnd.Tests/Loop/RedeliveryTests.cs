using System.Net.Http.Json;
using Platform.Contracts;
using Platform.Testing;

namespace Platform.EndToEnd.Tests.Loop;

[Trait("Category", TestCategories.EndToEnd)]
[Collection(WholePlatform.Collection)]
public sealed class RedeliveryTests(WholePlatform platform)
{
    private readonly RoutingClient routing = new(platform);

    [Fact]
    public async Task Redelivered_and_reordered_webhooks_leave_one_transcript_entry_and_one_bot_answer_each()
    {
        // Every callback (messages, conversation start, delivery reports) is posted twice, in groups of three in reverse.
        await SetCallbackModeAsync(new { duplicates = 1, reorder_window = 3, reorder_hold_ms = 200 });
        try
        {
            var token = Guid.NewGuid().ToString("N")[..8];
            string[] texts = [$"one {token}", $"two {token}", $"three {token}"];
            var sent = new List<CustomerAction>();
            foreach (var text in texts)
            {
                sent.Add(await platform.CustomerAsync("text", new { identity = "46700005001", display_name = "Edsger", text }));
            }

            var conversationId = CorrelationIds.ForSinchConversation(sent[0].ConversationId);
            // The demo bot greets once and echoes each message: four replies, all read once the duplicates settled.
            var transcript = await Eventually.ReturnsAsync(
                () => routing.TranscriptAsync(conversationId),
                t => t.Count(e => e.Author() == "bot" && e.Status() == OutboundMessageStatuses.Read) >= 4,
                "the bot answered every message and the emulator reported each answer read",
                TimeSpan.FromSeconds(120));
            await Eventually.TrueAsync(
                async () => (await InboundAttemptsAsync()).Count(body => sent.Any(s => body.Contains(s.Id, StringComparison.Ordinal))) >= 2 * sent.Count,
                "the emulator posted every message twice");
            transcript = await routing.TranscriptAsync(conversationId);

            var customer = transcript.Where(e => e.Author() == "customer").ToList();
            Assert.Equal(sent.Select(s => s.Id), customer.Select(e => e.SinchMessageId()));
            var bot = transcript.Where(e => e.Author() == "bot").Select(e => e.GetProperty("text").GetString()).ToList();
            Assert.Equal(4, bot.Count);
            Assert.Single(bot, t => t!.StartsWith("Hello ", StringComparison.Ordinal));
            foreach (var text in texts)
            {
                Assert.Single(bot, t => t == $"You said: {text}");
            }
        }
        finally
        {
            await SetCallbackModeAsync(new { duplicates = 0, reorder_window = 0, reorder_hold_ms = 200 });
        }
    }

    private async Task SetCallbackModeAsync(object mode)
    {
        using var response = await platform.Emulator.PutAsJsonAsync(new Uri("/emulator/callback-mode", UriKind.Relative), mode);
        response.EnsureSuccessStatusCode();
    }

    private async Task<List<string>> InboundAttemptsAsync() =>
        [.. (await platform.Emulator.GetFromJsonAsync<List<System.Text.Json.JsonElement>>(new Uri("/emulator/callbacks?trigger=MESSAGE_INBOUND&outcome=DELIVERED", UriKind.Relative)))!
            .Select(a => a.GetProperty("body").GetString()!)];
}
