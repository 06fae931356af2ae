using System.Collections.Concurrent;
using System.Text.Json;
using Platform.Console.Platform;

namespace Platform.Console.Conversations;

/// <summary>
/// The sniffed content type of media items (media's <c>/api/media/{id}/info</c>), remembered per replica: an item's type
/// never changes once stored, so each is asked for once. Items not stored yet are asked again next time.
/// </summary>
public sealed class MediaTypes(IServiceScopeFactory scopes)
{
    private const int Capacity = 10_000;
    private readonly ConcurrentDictionary<Guid, string> known = new();

    public async Task<string?> ContentTypeOfAsync(Guid mediaId, CancellationToken cancellationToken)
    {
        if (known.TryGetValue(mediaId, out var type))
        {
            return type;
        }

        await using var scope = scopes.CreateAsyncScope();
        var platform = scope.ServiceProvider.GetRequiredService<PlatformApi>();
        var info = await platform.GetJsonAsync($"api/media/{mediaId}/info", cancellationToken);
        if (info is { } i && i.TryGetProperty("contentType", out var contentType) && contentType.ValueKind == JsonValueKind.String)
        {
            if (known.Count >= Capacity)
            {
                known.Clear();
            }

            known[mediaId] = contentType.GetString()!;
            return contentType.GetString();
        }

        return null;
    }
}
