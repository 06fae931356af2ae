using Platform.Routing.Transcripts;

namespace Platform.Routing.Tests.Transcripts;

public sealed class QuotePolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan ThreeDays = TimeSpan.FromDays(3);

    [Theory]
    [InlineData("WHATSAPP")]
    [InlineData("MESSENGER")]
    [InlineData("INSTAGRAM")]
    public void A_reply_to_a_recent_agent_text_shows_the_quote_on_quoting_channels(string channel) =>
        Assert.True(QuotePolicy.Shows(channel, Entry(Authors.Agent, Now.AddDays(-2)), Now, ThreeDays));

    [Theory]
    [InlineData(Authors.Customer)]
    [InlineData(Authors.Bot)]
    [InlineData(Authors.System)]
    public void A_quote_of_anything_but_an_agent_message_is_a_plain_message(string author) =>
        Assert.False(QuotePolicy.Shows("WHATSAPP", Entry(author, Now.AddMinutes(-5)), Now, ThreeDays));

    [Fact]
    public void A_quote_older_than_three_days_is_a_plain_message()
    {
        Assert.False(QuotePolicy.Shows("WHATSAPP", Entry(Authors.Agent, Now.AddDays(-3).AddSeconds(-1)), Now, ThreeDays));
        Assert.True(QuotePolicy.Shows("WHATSAPP", Entry(Authors.Agent, Now.AddDays(-3)), Now, ThreeDays));
    }

    [Fact]
    public void Channels_without_quoting_show_plain_messages() =>
        Assert.False(QuotePolicy.Shows("SMS", Entry(Authors.Agent, Now.AddMinutes(-1)), Now, ThreeDays));

    [Fact]
    public void Instagram_does_not_quote_media_but_messenger_does()
    {
        var media = Entry(Authors.Agent, Now.AddMinutes(-1));
        media.MediaId = Guid.NewGuid();
        Assert.False(QuotePolicy.Shows("INSTAGRAM", media, Now, ThreeDays));
        Assert.True(QuotePolicy.Shows("MESSENGER", media, Now, ThreeDays));
    }

    [Fact]
    public void A_long_text_is_previewed_by_its_start_and_an_attachment_as_such()
    {
        var text = Entry(Authors.Agent, Now);
        text.Text = new string('x', 120);
        Assert.Equal(new string('x', 100) + "…", QuotePolicy.Preview(text, 100));
        var media = Entry(Authors.Agent, Now);
        media.MediaId = Guid.NewGuid();
        media.MediaFileName = "invoice.pdf";
        Assert.Equal("[attachment: invoice.pdf]", QuotePolicy.Preview(media, 100));
    }

    private static TranscriptEntry Entry(string author, DateTimeOffset at) => new() { Author = author, At = at, Kind = "TEXT", Text = "hello" };
}
