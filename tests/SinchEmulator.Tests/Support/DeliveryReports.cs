using System.Text.Json.Nodes;

namespace Platform.SinchEmulator.Tests.Support;

internal static class DeliveryReports
{
    public static async Task<IReadOnlyList<JsonObject>> WaitForReportsAsync(this CallbackReceiver receiver, string messageId, int count)
    {
        var callbacks = await receiver.WaitForAsync(c => c.AnsweredWith == 200 && c.TriggerField == "message_delivery_report" &&
            c.Json["message_delivery_report"]!["message_id"]!.GetValue<string>() == messageId, count);
        return [.. callbacks.Select(c => c.Json["message_delivery_report"]!.AsObject())];
    }

    public static string Status(this JsonObject report) => report["status"]!.GetValue<string>();

    public static string? ReasonCode(this JsonObject report) => report["reason"]?["code"]?.GetValue<string>();
}
