namespace Platform.SinchEmulator.Wire;

internal static class ChannelScopes
{
    // Page- or app-scoped ids differ per app, so Sinch puts the app id in the identity (docs/sinch-wire-format.md §8).
    private static readonly HashSet<string> AppScoped = new(StringComparer.Ordinal) { "MESSENGER", "INSTAGRAM", "LINE", "WECHAT" };

    public static ChannelIdentity Identity(string channel, string identity, string appId) =>
        new(channel, identity, AppScoped.Contains(channel) ? appId : "");
}
