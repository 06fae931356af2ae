using System.Text;

namespace Platform.Ingress.Tests;

/// <summary>
/// Every kind of malformed callback body, built from the valid samples: byte flips, truncation, deep nesting, wrong
/// types, missing fields, invalid UTF-8 inside strings and escaped lone surrogates. Deterministic: a fixed seed.
/// </summary>
internal static class MalformedBodies
{
    public static readonly string[] Valid =
    [
        CallbackSamples.MediaReply, CallbackSamples.Text(), CallbackSamples.DeliveryFailed, CallbackSamples.Composing,
        CallbackSamples.ConversationStop, CallbackSamples.ContactCreate, CallbackSamples.ContactMerge,
        CallbackSamples.IdentitiesDuplication, CallbackSamples.OptInFailed, CallbackSamples.EventDelivery,
        CallbackSamples.MessageSubmit, CallbackSamples.Capability, CallbackSamples.ChannelEvent, CallbackSamples.Unsupported,
        CallbackSamples.SmartConversation, CallbackSamples.RecordNotification, CallbackSamples.FutureTrigger,
    ];

    /// <summary>Byte sequences that are not UTF-8: a stray continuation, a bad lead, overlong, truncated, a UTF-8 surrogate.</summary>
    public static readonly byte[][] InvalidUtf8 =
    [
        [0x80], [0xFF], [0xC3, 0x28], [0xC0, 0xAF], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x98],
    ];

    /// <summary>JSON escapes that decode to invalid UTF-16.</summary>
    public static readonly string[] LoneSurrogates = [@"\ud800", @"\udbff", @"\udc00", @"\udfff", @"\ud83d x", @"\ude00\ud83d"];

    /// <summary>One body per invalid sequence, placed inside the text of a message (the issue's 500s).</summary>
    public static IEnumerable<(string Kind, byte[] Body)> InvalidStrings()
    {
        var text = Encoding.UTF8.GetBytes(CallbackSamples.Text(text: "@@"));
        var at = text.AsSpan().IndexOf("@@"u8);
        foreach (var sequence in InvalidUtf8)
        {
            yield return ($"invalid UTF-8 {Convert.ToHexString(sequence)} in a string", [.. text[..at], .. sequence, .. text[(at + 2)..]]);
        }

        foreach (var escape in LoneSurrogates)
        {
            yield return ($"escaped {escape} in a string", Encoding.UTF8.GetBytes(CallbackSamples.Text(text: escape)));
            yield return ($"escaped {escape} in a property name", Encoding.UTF8.GetBytes(CallbackSamples.Text().Replace("\"metadata\"", $"\"meta{escape}\"", StringComparison.Ordinal)));
            yield return ($"escaped {escape} in an ignored field", Encoding.UTF8.GetBytes(CallbackSamples.ConversationStop.Replace("\"metadata\": \"\"", $"\"metadata\": \"{escape}\"", StringComparison.Ordinal)));
        }
    }

    /// <summary>One body of each structural kind.</summary>
    public static IEnumerable<(string Kind, byte[] Body)> Structural()
    {
        var text = CallbackSamples.Text();
        yield return ("empty", []);
        yield return ("truncated", Encoding.UTF8.GetBytes(text[..(text.Length / 2)]));
        yield return ("trailing garbage", Encoding.UTF8.GetBytes(text + "}x"));
        yield return ("byte order mark", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]);
        yield return ("NUL byte", [.. Encoding.UTF8.GetBytes(text), 0]);
        yield return ("array root", "[1,2]"u8.ToArray());
        yield return ("nested too deep", Encoding.UTF8.GetBytes(text.Replace("\"metadata\":\"\"", "\"metadata\":" + new string('[', 200) + new string(']', 200), StringComparison.Ordinal)));
        yield return ("message is a string", Encoding.UTF8.GetBytes(text.Replace("\"message\":{", "\"message\":\"x\",\"ignored\":{", StringComparison.Ordinal)));
        yield return ("id is a number", Encoding.UTF8.GetBytes(text.Replace("\"id\":\"01JMSGTEXT0000000000000001\"", "\"id\":1e400", StringComparison.Ordinal)));
        yield return ("id missing", Encoding.UTF8.GetBytes(text.Replace("\"id\":\"01JMSGTEXT0000000000000001\",", "", StringComparison.Ordinal)));
        yield return ("huge number", Encoding.UTF8.GetBytes(CallbackSamples.WithContent("""{"location_message":{"coordinates":{"latitude":1e999999,"longitude":2}}}""")));
    }

    /// <summary><paramref name="count"/> random mutations of the valid samples, each of one kind.</summary>
    public static IEnumerable<(string Kind, byte[] Body)> Random(int count, int seed = 20250314)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var source = Encoding.UTF8.GetBytes(Valid[random.Next(Valid.Length)]);
            yield return (random.Next(7)) switch
            {
                0 => ("byte flip", Flip(source, random)),
                1 => ("truncation", source[..random.Next(source.Length)]),
                2 => ("invalid UTF-8 inside a string", InsideString(source, InvalidUtf8[random.Next(InvalidUtf8.Length)], random)),
                3 => ("lone surrogate inside a string", InsideString(source, Encoding.UTF8.GetBytes(LoneSurrogates[random.Next(LoneSurrogates.Length)]), random)),
                4 => ("wrong type", ReplaceValue(source, random)),
                5 => ("missing field", RemoveField(source, random)),
                _ => ("deep nesting", Encoding.UTF8.GetBytes(new string('[', random.Next(60, 70)) + Encoding.UTF8.GetString(source) + new string(']', random.Next(60, 70)))),
            };
        }
    }

    private static byte[] Flip(byte[] source, Random random)
    {
        var copy = source.ToArray();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        }

        return copy;
    }

    private static byte[] InsideString(byte[] source, byte[] insert, Random random)
    {
        // After an opening quote of a value: ": " or ":" followed by a quote.
        var quotes = Enumerable.Range(1, source.Length - 1).Where(i => source[i] == (byte)'"' && (source[i - 1] == (byte)':' || source[i - 1] == (byte)' ')).ToList();
        var at = quotes.Count == 0 ? 0 : quotes[random.Next(quotes.Count)] + 1;
        return [.. source[..at], .. insert, .. source[at..]];
    }

    private static readonly string[] WrongValues = ["42", "-0.5e3", "true", "null", "[]", "[1,\"x\"]", "{}", "{\"a\":{}}", "\"\"", "\"text\"", "1e400"];

    private static byte[] ReplaceValue(byte[] source, Random random)
    {
        var text = Encoding.UTF8.GetString(source);
        var colons = Enumerable.Range(0, text.Length).Where(i => text[i] == ':' && i > 0 && text[i - 1] == '"').ToList();
        var colon = colons[random.Next(colons.Count)];
        var end = ValueEnd(text, colon + 1);
        return Encoding.UTF8.GetBytes(text[..(colon + 1)] + WrongValues[random.Next(WrongValues.Length)] + text[end..]);
    }

    private static byte[] RemoveField(byte[] source, Random random)
    {
        var text = Encoding.UTF8.GetString(source);
        var colons = Enumerable.Range(0, text.Length).Where(i => text[i] == ':' && i > 0 && text[i - 1] == '"').ToList();
        var colon = colons[random.Next(colons.Count)];
        var start = text.LastIndexOf('"', text.LastIndexOf('"', colon - 1) - 1);
        var end = ValueEnd(text, colon + 1);
        return Encoding.UTF8.GetBytes(text[..start] + "\"removed\":0" + text[end..]);
    }

    /// <summary>Index just after the JSON value starting at or after <paramref name="start"/> (whitespace skipped).</summary>
    private static int ValueEnd(string text, int start)
    {
        var i = start;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        var depth = 0;
        var inString = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                    if (depth == 0)
                    {
                        return i + 1;
                    }
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c is '{' or '[')
            {
                depth++;
            }
            else if (c is '}' or ']')
            {
                if (depth == 0)
                {
                    return i;
                }

                depth--;
                if (depth == 0)
                {
                    return i + 1;
                }
            }
            else if (c == ',' && depth == 0)
            {
                return i;
            }
        }

        return text.Length;
    }
}
