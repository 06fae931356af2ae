using Platform.Contact.AttachedData;

namespace Platform.Contact.Tests.AttachedData;

public sealed class AttachedDataParserTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly AttachedDataParser _parser = new(new AttachedDataOptions { MaxKeyLength = 8, MaxValueLength = 16, MaxEntriesPerField = 3 });

    [Fact]
    public void A_JSON_object_becomes_key_value_pairs_with_non_string_values_as_JSON_text()
    {
        var (entries, issues) = _parser.Parse("{\"ticket\":\"T-1\",\"score\":7,\"vip\":true}", AttachedDataSources.Metadata, At);

        Assert.Empty(issues);
        Assert.Equal(
            [("ticket", "T-1"), ("score", "7"), ("vip", "true")],
            entries.Select(e => (e.Key, e.Value)));
        Assert.All(entries, e => Assert.Equal(AttachedDataSources.Metadata, e.Source));
    }

    [Theory]
    [InlineData("out-7f3a9c")]
    [InlineData("[1,2]")]
    [InlineData("{\"broken\":")]
    [InlineData("\"just a string\"")]
    public void Text_that_is_not_a_JSON_object_is_kept_as_one_raw_entry_and_reported(string text)
    {
        var (entries, issues) = _parser.Parse(text, AttachedDataSources.MessageMetadata, At);

        var entry = Assert.Single(entries);
        Assert.Equal("raw.message_metadata", entry.Key);
        Assert.Equal(text.Length <= 16 ? text : text[..16], entry.Value);
        Assert.Equal(AttachedDataIssueReasons.NotKeyValue, Assert.Single(issues).Reason);
    }

    [Fact]
    public void Oversize_values_bad_keys_and_entries_past_the_limit_are_reported_and_the_rest_kept()
    {
        var (entries, issues) = _parser.Parse(
            "{\"ok\":\"1\",\"long\":\"01234567890123456789\",\"muchtoolongkey\":\"x\",\"\":\"y\",\"raw.x\":\"z\",\"b\":\"2\",\"c\":\"3\",\"d\":\"4\"}",
            AttachedDataSources.Metadata,
            At);

        Assert.Equal(["ok", "b", "c"], entries.Select(e => e.Key));
        Assert.Equal(
            [
                AttachedDataIssueReasons.ValueTooLong,
                AttachedDataIssueReasons.InvalidKey,
                AttachedDataIssueReasons.InvalidKey,
                AttachedDataIssueReasons.InvalidKey,
                AttachedDataIssueReasons.TooManyEntries,
            ],
            issues.Select(i => i.Reason));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_metadata_gives_nothing_and_reports_nothing(string? text)
    {
        var (entries, issues) = _parser.Parse(text, AttachedDataSources.Metadata, At);

        Assert.Empty(entries);
        Assert.Empty(issues);
    }
}
