using System.Text.Json.Nodes;
using Platform.SinchEmulator.Messages;

namespace Platform.SinchEmulator.Customers;

/// <summary>Finds the postback a customer's tap on a choice sends back (docs/sinch-wire-format.md §5.2).</summary>
internal static class ChoicePicker
{
    public static string? Postback(ConversationMessage choiceMessage, int choiceIndex)
    {
        var content = choiceMessage.AppMessage is { } app && AppMessageRules.KindOf(app) is { } kind ? app[kind] as JsonObject : null;
        if (content?["choices"] is not JsonArray choices || choiceIndex < 0 || choiceIndex >= choices.Count || choices[choiceIndex] is not JsonObject choice)
        {
            return null;
        }
        if (choice["postback_data"]?.GetValue<string>() is { Length: > 0 } postback)
        {
            return postback;
        }
        // Without postback_data Sinch sends "<message_id>_<text or title>".
        var label = choice.Select(p => p.Value as JsonObject).OfType<JsonObject>()
            .Select(c => (c["text"] ?? c["title"])?.GetValue<string>())
            .FirstOrDefault(t => t is not null);
        return $"{choiceMessage.Id}_{label}";
    }
}
