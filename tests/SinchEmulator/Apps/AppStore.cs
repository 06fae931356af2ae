using System.Collections.Concurrent;

namespace Platform.SinchEmulator.Apps;

internal sealed class AppStore
{
    private readonly ConcurrentDictionary<string, EmulatedApp> _apps = new(StringComparer.Ordinal);

    public void Add(EmulatedApp app) => _apps[app.Id] = app;

    public EmulatedApp? Find(string? appId) => appId is not null && _apps.TryGetValue(appId, out var app) ? app : null;

    public IReadOnlyList<EmulatedApp> All() => [.. _apps.Values.OrderBy(a => a.Id, StringComparer.Ordinal)];

    public void Clear() => _apps.Clear();
}
