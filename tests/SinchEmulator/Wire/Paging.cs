using System.Globalization;

namespace Platform.SinchEmulator.Wire;

/// <summary>page_size/page_token in, next_page_token out; the token is an opaque offset here.</summary>
internal static class Paging
{
    public static (IReadOnlyList<T> Page, string NextPageToken) Take<T>(
        IReadOnlyList<T> items, int? pageSize, string? pageToken, int defaultSize, int maxSize)
    {
        var size = Math.Clamp(pageSize is > 0 ? pageSize.Value : defaultSize, 1, maxSize);
        var offset = int.TryParse(pageToken, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        var page = items.Skip(offset).Take(size).ToList();
        var next = offset + page.Count < items.Count ? (offset + page.Count).ToString(CultureInfo.InvariantCulture) : "";
        return (page, next);
    }
}
