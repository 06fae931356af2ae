using System.Text.Json;

namespace Platform.DemoBot;

// Routing's bot webhook JSON, as much as this bot reads of it (docs/routing.md, "Bot connector").

public sealed record BotPost
{
    public Guid ConversationId { get; init; }
    public Guid DeliveryId { get; init; }
    public string? DisplayName { get; init; }
    public BotPostMessage Message { get; init; } = new();
    public JsonElement Variables { get; init; }
}

public sealed record BotPostMessage
{
    public string Kind { get; init; } = "TEXT";
    public string? Text { get; init; }
    public JsonElement? Content { get; init; }
}

public sealed record BotAnswer
{
    public IReadOnlyList<BotAnswerMessage> Messages { get; init; } = [];
    public BotAnswerHandoff? Handoff { get; init; }
    public bool End { get; init; }
}

public sealed record BotAnswerMessage
{
    public string? Text { get; init; }
    public string? Kind { get; init; }
    public JsonElement? Json { get; init; }
}

public sealed record BotAnswerHandoff
{
    public string? Queue { get; init; }
    public string? Reason { get; init; }
}
