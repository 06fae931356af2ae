namespace Platform.Routing.Transcripts;

/// <summary>
/// Which quoted replies show their quote (docs/routing.md, "Quoting"; Contact Pro's rules): only a customer's reply to
/// an agent's message, at most <c>maxAge</c> old, on WhatsApp, Messenger or Instagram (Instagram: not media). Every other
/// quote is shown as a plain message.
/// </summary>
public static class QuotePolicy
{
    private static readonly HashSet<string> QuotingChannels = new(StringComparer.OrdinalIgnoreCase) { "WHATSAPP", "MESSENGER", "INSTAGRAM" };

    public static bool Shows(string channel, TranscriptEntry quoted, DateTimeOffset replyAt, TimeSpan maxAge)
    {
        ArgumentNullException.ThrowIfNull(quoted);
        if (!QuotingChannels.Contains(channel) || quoted.Author != Authors.Agent || quoted.Erased)
        {
            return false;
        }

        if (replyAt - quoted.At > maxAge)
        {
            return false;
        }

        return !(string.Equals(channel, "INSTAGRAM", StringComparison.OrdinalIgnoreCase) && IsMedia(quoted));
    }

    /// <summary>The start of a long text; an attachment as such.</summary>
    public static string Preview(TranscriptEntry quoted, int length)
    {
        ArgumentNullException.ThrowIfNull(quoted);
        if (IsMedia(quoted))
        {
            return quoted.MediaFileName is { Length: > 0 } name ? $"[attachment: {name}]" : "[attachment]";
        }

        var text = quoted.Text ?? $"[{quoted.Kind}]";
        return text.Length <= length ? text : string.Concat(text.AsSpan(0, length), "…");
    }

    private static bool IsMedia(TranscriptEntry entry) => entry.MediaId is not null || entry.MediaUrl is not null;
}

/// <summary>Who wrote a transcript entry.</summary>
public static class Authors
{
    public const string Customer = "customer";
    public const string Bot = "bot";
    public const string Agent = "agent";
    public const string System = "system";
}
