using System.Text.Json.Nodes;

namespace Platform.SinchEmulator.Apps;

/// <summary>The App object of docs/sinch-wire-format.md §3.1, with channel secrets masked.</summary>
internal sealed record AppResource(
    string Id,
    string DisplayName,
    string ProcessingMode,
    string ConversationMetadataReportView,
    IReadOnlyList<JsonObject> ChannelCredentials,
    RetentionPolicy RetentionPolicy,
    RetentionPolicy DispatchRetentionPolicy,
    RateLimits RateLimits,
    QueueStats QueueStats,
    CallbackSettings CallbackSettings)
{
    private const string Masked = "****";

    public static AppResource From(EmulatedApp app) => new(
        app.Id,
        app.DisplayName,
        "CONVERSATION",
        "FULL",
        [.. app.Channels.Select(Credential)],
        new RetentionPolicy("MESSAGE_EXPIRE_POLICY", 180),
        new RetentionPolicy("MESSAGE_EXPIRE_POLICY", 0),
        new RateLimits(25, 25, 25),
        new QueueStats(0, 500_000),
        new CallbackSettings(app.CallbackSecret.Length == 0 ? "" : Masked));

    private static JsonObject Credential(AppChannel channel)
    {
        var entry = new JsonObject { ["channel"] = channel.Channel };
        var (field, credential) = channel.Channel switch
        {
            "SMS" or "WHATSAPP" or "RCS" or "VIBERBM" =>
                ("static_bearer", new JsonObject { ["claimed_identity"] = channel.ClaimedIdentity, ["token"] = Masked }),
            "MMS" => ("mms_credentials", new JsonObject { ["account_id"] = channel.ClaimedIdentity, ["api_key"] = Masked, ["default_sender"] = channel.ClaimedIdentity }),
            "INSTAGRAM" => ("instagram_credentials", new JsonObject { ["token"] = Masked, ["business_account_id"] = channel.ClaimedIdentity }),
            "TELEGRAM" => ("telegram_credentials", new JsonObject { ["token"] = Masked }),
            _ => ("static_token", new JsonObject { ["token"] = Masked }),
        };
        entry[field] = credential;
        entry["callback_secret"] = "";
        entry["credential_ordinal_number"] = 0;
        entry["state"] = new JsonObject { ["status"] = "ACTIVE", ["description"] = "" };
        entry["channel_known_id"] = channel.ClaimedIdentity;
        return entry;
    }
}

internal sealed record RetentionPolicy(string RetentionType, int TtlDays);

internal sealed record RateLimits(int Inbound, int Outbound, int Webhooks);

internal sealed record QueueStats(int OutboundSize, int OutboundLimit);

internal sealed record CallbackSettings(string SecretForOverriddenCallbackUrls);

internal sealed record AppList(IReadOnlyList<AppResource> Apps);
