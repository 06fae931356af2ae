using Platform.Ingress.Callbacks;

namespace Platform.Ingress.Tests.Callbacks;

public class SinchTimestampsTests
{
    [Theory]
    [InlineData("2020-11-17T16:01:07Z", 7, 0L)]
    [InlineData("2020-11-17T16:01:07.5Z", 7, 5_000_000L)]
    [InlineData("2020-11-16T08:17:44.993024Z", 44, 9_930_240L)]
    [InlineData("2022-02-07T20:01:09.892757478Z", 9, 8_927_574L)]
    [InlineData("2020-11-17T18:01:07+02:00", 7, 0L)]
    [InlineData("2020-11-17T16:01:07", 7, 0L)]
    public void Rfc3339_with_any_number_of_fraction_digits_parses_as_utc(string text, int second, long fractionTicks)
    {
        var parsed = SinchTimestamps.Parse(text);
        Assert.NotNull(parsed);
        Assert.Equal(TimeSpan.Zero, parsed.Value.Offset);
        Assert.Equal(fractionTicks, parsed.Value.Ticks % TimeSpan.TicksPerSecond);
        Assert.Equal(second, parsed.Value.Second);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("yesterday")]
    public void Absent_or_unreadable_timestamp_is_null(string? text)
    {
        Assert.Null(SinchTimestamps.Parse(text));
    }
}
