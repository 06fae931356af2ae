using System.Globalization;

namespace Platform.Ingress.Callbacks;

/// <summary>
/// Sinch's RFC 3339 timestamps carry 0 to 9 fractional digits (<c>2022-02-07T20:01:09.892757478Z</c>); .NET parses at
/// most 7, so extra digits are dropped before parsing.
/// </summary>
public static class SinchTimestamps
{
    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = TrimFraction(value.Trim());
        return DateTimeOffset.TryParse(
            text,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var parsed)
            ? parsed.ToUniversalTime()
            : null;
    }

    private static string TrimFraction(string value)
    {
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return value;
        }

        var end = dot + 1;
        while (end < value.Length && char.IsAsciiDigit(value[end]))
        {
            end++;
        }

        var digits = end - dot - 1;
        return digits <= 7 ? value : string.Concat(value.AsSpan(0, dot + 8), value.AsSpan(end));
    }
}
