using System.Text.Json;
using Platform.Ingress.Callbacks;

namespace Platform.Ingress.Tests.Callbacks;

/// <summary>
/// The parser answers every body in one of its documented ways: a parsed callback, <see cref="JsonException"/>
/// (400), <see cref="CallbackFormatException"/> (acknowledged as unusable) or <see cref="CallbackAppMismatchException"/>
/// (400). Anything else would reach the client as a 500.
/// </summary>
public class MalformedBodyParserTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 27, 0, TimeSpan.Zero);

    private static Exception? Outcome(byte[] body)
    {
        try
        {
            _ = CallbackParser.Parse(CallbackSamples.AppId, body, Now);
            return null;
        }
        catch (Exception e) when (e is JsonException or CallbackFormatException or CallbackAppMismatchException)
        {
            return e;
        }
    }

    [Fact]
    public void Ten_thousand_random_mutations_of_valid_callbacks_end_only_in_documented_outcomes()
    {
        var kinds = new Dictionary<string, int>();
        foreach (var (kind, body) in MalformedBodies.Random(10_000))
        {
            var exception = Record.Exception(() => Outcome(body));
            Assert.True(exception is null, $"{kind}: {exception}");
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
        }

        Assert.Equal(7, kinds.Count);
    }

    [Fact]
    public void Invalid_utf8_and_escaped_lone_surrogates_are_malformed_json_wherever_they_are()
    {
        foreach (var (kind, body) in MalformedBodies.InvalidStrings())
        {
            Assert.True(Outcome(body) is JsonException, kind);
        }
    }

    [Theory]
    [InlineData(@"\ud83d\ude00")]
    [InlineData("\u00e9\u4e2d\U0001F600")]
    public void Valid_surrogate_pairs_and_multibyte_text_are_read(string text)
    {
        var parsed = CallbackParser.Parse(CallbackSamples.AppId, System.Text.Encoding.UTF8.GetBytes(CallbackSamples.Text(text: text)), Now);

        var message = Assert.IsType<Platform.Contracts.InboundMessageReceived>(parsed.Event);
        Assert.Equal(JsonSerializer.Deserialize<string>($"\"{text}\""), message.Text);
    }

    [Fact]
    public void Every_structural_kind_ends_in_a_documented_outcome()
    {
        foreach (var (kind, body) in MalformedBodies.Structural())
        {
            var exception = Record.Exception(() => Outcome(body));
            Assert.True(exception is null, $"{kind}: {exception}");
        }
    }
}
