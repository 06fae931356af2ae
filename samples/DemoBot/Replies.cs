using System.Text.Json;

namespace Platform.DemoBot;

/// <summary>The demo bot's rules, by the customer's text (case-insensitive).</summary>
public static class Replies
{
    private static readonly JsonElement Menu = JsonSerializer.SerializeToElement(new
    {
        text_message = new { text = "What would you like to do?" },
        choices = new object[]
        {
            new { text_message = new { text = "agent" } },
            new { text_message = new { text = "bye" } },
        },
    });

    public static BotAnswer For(BotPost post, bool firstMessage)
    {
        ArgumentNullException.ThrowIfNull(post);
        var text = (post.Message.Text ?? PostbackOf(post.Message) ?? "").Trim();
        var name = string.IsNullOrWhiteSpace(post.DisplayName) ? "there" : post.DisplayName;
        var lower = text.ToLowerInvariant();
        var messages = new List<BotAnswerMessage>();
        if (firstMessage || lower is "hi" or "hello" or "start")
        {
            messages.Add(new BotAnswerMessage { Text = $"Hello {name}! I am the demo bot. Say \"agent\" to talk to a person, \"menu\" for choices, \"bye\" to end." });
        }

        switch (lower)
        {
            case "agent":
                messages.Add(new BotAnswerMessage { Text = "Connecting you to an agent." });
                return new BotAnswer { Messages = messages, Handoff = new BotAnswerHandoff { Reason = "customer asked for an agent" } };
            case "bye" or "end":
                messages.Add(new BotAnswerMessage { Text = "Goodbye!" });
                return new BotAnswer { Messages = messages, End = true };
            case "menu" or "choices":
                messages.Add(new BotAnswerMessage { Kind = "choice_message", Json = Menu });
                return new BotAnswer { Messages = messages };
            case "hi" or "hello" or "start" or "":
                return new BotAnswer { Messages = messages };
            default:
                messages.Add(new BotAnswerMessage { Text = post.Message.Kind == "TEXT" ? $"You said: {text}" : $"Thanks for the {post.Message.Kind.ToLowerInvariant()}." });
                return new BotAnswer { Messages = messages };
        }
    }

    // A choice response carries the choice's postback data; Sinch's default is "<message id>_<text>".
    private static string? PostbackOf(BotPostMessage message) =>
        message.Content is { ValueKind: JsonValueKind.Object } content && content.TryGetProperty("postbackData", out var data) && data.GetString() is { } postback
            ? postback[(postback.LastIndexOf('_') + 1)..]
            : null;
}
