using System.Text;
using System.Text.Json.Nodes;

namespace Platform.SinchEmulator.Tests.Support;

public sealed record ReceivedCallback(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, int AnsweredWith)
{
    private static readonly string[] TriggerFields =
    [
        "message", "message_delivery_report", "event", "conversation_start_notification", "conversation_stop_notification",
        "contact_create_notification", "contact_update_notification", "opt_in_notification", "opt_out_notification",
    ];

    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    /// <summary>Receivers tell triggers apart by the one top-level field present (docs/sinch-wire-format.md §12.1).</summary>
    public string TriggerField => TriggerFields.Single(Json.ContainsKey);

    public string Text => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
