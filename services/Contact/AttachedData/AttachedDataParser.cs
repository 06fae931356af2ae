using System.Text.Json;

namespace Platform.Contact.AttachedData;

/// <summary>A value that was accepted from a metadata field.</summary>
public sealed record AttachedDataCandidate(string Key, string Value, string Source, DateTimeOffset ChangedAt);

/// <summary>Why part of a metadata field was not taken as it came (never carries the value: it may be personal data).</summary>
public sealed record AttachedDataIssue(string Source, string Reason, string? Key = null);

/// <summary>Reasons of <see cref="AttachedDataIssue"/>, also the metric's tag values.</summary>
public static class AttachedDataIssueReasons
{
    public const string NotKeyValue = "not-key-value";
    public const string InvalidKey = "invalid-key";
    public const string ValueTooLong = "value-too-long";
    public const string TooManyEntries = "too-many-entries";
    public const string ContactFull = "contact-full";
}

/// <summary>
/// Reads one metadata field as key-value pairs: a JSON object's top-level entries (strings as they are, anything else
/// as its JSON text). Anything else is kept whole as one raw entry under <c>raw.{source}</c> and reported, so that
/// odd metadata never breaks the message (docs/contact.md, "Attached data").
/// </summary>
public sealed class AttachedDataParser(AttachedDataOptions options)
{
    public const string RawKeyPrefix = "raw.";

    public (List<AttachedDataCandidate> Entries, List<AttachedDataIssue> Issues) Parse(string? text, string source, DateTimeOffset changedAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        var entries = new List<AttachedDataCandidate>();
        var issues = new List<AttachedDataIssue>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return (entries, issues);
        }

        if (!TryReadObject(text, out var pairs))
        {
            entries.Add(new AttachedDataCandidate(RawKeyPrefix + source, Truncate(text), source, changedAt));
            issues.Add(new AttachedDataIssue(source, AttachedDataIssueReasons.NotKeyValue));
            return (entries, issues);
        }

        foreach (var (key, value) in pairs)
        {
            if (!IsValidKey(key))
            {
                issues.Add(new AttachedDataIssue(source, AttachedDataIssueReasons.InvalidKey));
            }
            else if (value.Length > options.MaxValueLength)
            {
                issues.Add(new AttachedDataIssue(source, AttachedDataIssueReasons.ValueTooLong, key));
            }
            else if (entries.Count >= options.MaxEntriesPerField)
            {
                issues.Add(new AttachedDataIssue(source, AttachedDataIssueReasons.TooManyEntries, key));
            }
            else
            {
                entries.Add(new AttachedDataCandidate(key, value, source, changedAt));
            }
        }

        return (entries, issues);
    }

    /// <summary>Keys: 1..MaxKeyLength characters, no control characters, and not the raw entries' prefix.</summary>
    public bool IsValidKey(string key) =>
        !string.IsNullOrWhiteSpace(key)
        && key.Length <= options.MaxKeyLength
        && !key.Any(char.IsControl)
        && !key.StartsWith(RawKeyPrefix, StringComparison.Ordinal);

    private string Truncate(string text) => text.Length <= options.MaxValueLength ? text : text[..options.MaxValueLength];

    private static bool TryReadObject(string text, out List<(string Key, string Value)> pairs)
    {
        pairs = [];
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                var value = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()!
                    : property.Value.GetRawText();
                pairs.Add((property.Name, value));
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
