namespace Platform.SinchEmulator.Apps;

internal sealed record EmulatedApp(string Id, string DisplayName, IReadOnlyList<AppChannel> Channels, string CallbackSecret, string Region = "us")
{
    public AppChannel? FindChannel(string channel) =>
        Channels.FirstOrDefault(c => string.Equals(c.Channel, channel, StringComparison.Ordinal));
}

internal sealed record AppChannel(string Channel, string ClaimedIdentity, string Token);
