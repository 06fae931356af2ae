using Microsoft.Extensions.Primitives;

namespace Platform.SinchEmulator.Wire;

/// <summary>
/// update_mask arrives comma-separated (.NET SDK) or repeated (Node SDK); with no mask every
/// field present in the body is updated (docs/sinch-wire-format.md §2).
/// </summary>
internal static class UpdateMask
{
    public static IReadOnlySet<string> Parse(StringValues values) =>
        values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.Ordinal);

    public static T Pick<T>(IReadOnlySet<string> mask, string field, T? proposed, T current) =>
        proposed is null || (mask.Count > 0 && !mask.Contains(field)) ? current : proposed;
}
