namespace Platform.SinchEmulator.Wire;

/// <summary>`{"channel","identity","app_id"}`; app_id is "" for phone-number channels, as Sinch sends it.</summary>
internal sealed record ChannelIdentity(string Channel, string Identity, string AppId = "");
