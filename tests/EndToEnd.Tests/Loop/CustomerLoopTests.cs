using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts;
using Platform.Testing;

namespace Platform.EndToEnd.Tests.Loop;

[Trait("Category", TestCategories.EndToEnd)]
[Collection(WholePlatform.Collection)]
public sealed class CustomerLoopTests(WholePlatform platform)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task A_customer_text_is_answered_by_the_demo_bot_and_the_reply_is_read_on_the_emulator()
    {
        var text = await platform.CustomerAsync("text", new { identity = "46700002001", display_name = "Grace", text = "hello" });
        var conversationId = CorrelationIds.ForSinchConversation(text.ConversationId);

        var transcript = await Eventually.ReturnsAsync(
            () => TranscriptAsync(conversationId),
            t => t.Any(e => e.GetProperty("author").GetString() == "bot" && e.GetProperty("status").GetString() == OutboundMessageStatuses.Read),
            "the demo bot's reply went out through egress and the emulator reported it read",
            TimeSpan.FromSeconds(90));

        Assert.Equal(text.Id, transcript[0].GetProperty("sinchMessageId").GetString());
        // Contact's answer and the message race to routing; either order names the conversation.
        await Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await platform.Gateway.GetAsync(new Uri($"/api/routing/conversations/{conversationId}", UriKind.Relative));
                return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>(Json) : default;
            },
            c => c.ValueKind == JsonValueKind.Object && c.GetProperty("displayName").GetString() == "Grace",
            "the conversation shows the customer's name from contact");
    }

    [Fact]
    public async Task One_customer_message_is_one_trace_through_gateway_ingress_contact_routing_egress_and_the_call_to_sinch()
    {
        // The collection's tests run one at a time, so after clearing, the spans are this test's. A step retried through
        // the durable scheduler (a slow bot, a 429) continues the same trace: the scheduled row keeps its trace context.
        platform.Spans.Clear();
        await platform.CustomerAsync("text", new { identity = "46700002010", text = "trace me" });

        var trace = await Eventually.ReturnsAsync(
            () => Task.FromResult(TraceOfSpanMentioning("contact-resolve-contact")),
            t => t is not null && t.Any(s => Mentions(s, "messages:send")),
            "the trace of the customer's message reaches the send to Sinch",
            TimeSpan.FromSeconds(90));

        var spans = trace!;
        var seen = string.Join("\n", spans.Select(s => $"{s.Source.Name} {s.Kind} {s.DisplayName}"));
        Assert.True(spans.Any(s => s.Source.Name == "Yarp.ReverseProxy" && Mentions(s, "sinch-webhooks")), $"the gateway forwarded the webhook; spans:\n{seen}");
        Assert.Contains(spans, s => s.Kind == ActivityKind.Producer && Mentions(s, "Platform.Contracts:InboundMessageReceived"));
        Assert.Contains(spans, s => s.Kind == ActivityKind.Consumer && Mentions(s, "contact-"));
        Assert.Contains(spans, s => s.Kind == ActivityKind.Consumer && Mentions(s, "routing-"));
        Assert.Contains(spans, s => s.Kind == ActivityKind.Consumer && Mentions(s, "egress-"));
        Assert.Contains(spans, s => s.Source.Name == "Npgsql");
        Assert.Contains(spans, s => s.Kind == ActivityKind.Client && Mentions(s, "messages:send"));
    }

    private List<Activity>? TraceOfSpanMentioning(string marker)
    {
        var spans = platform.Spans.ToArray();
        var first = spans.FirstOrDefault(s => Mentions(s, marker));
        return first is null ? null : [.. spans.Where(s => s.TraceId == first.TraceId)];
    }

    private static bool Mentions(Activity span, string text) =>
        span.DisplayName.Contains(text, StringComparison.Ordinal)
        || span.TagObjects.Any(t => t.Value?.ToString()?.Contains(text, StringComparison.Ordinal) == true);

    private async Task<List<JsonElement>> TranscriptAsync(Guid conversationId)
    {
        using var response = await platform.Gateway.GetAsync(new Uri($"/api/routing/conversations/{conversationId}/transcript", UriKind.Relative));
        if (!response.IsSuccessStatusCode)
        {
            return [];
        }

        var page = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        return [.. page.GetProperty("items").EnumerateArray()];
    }
}
