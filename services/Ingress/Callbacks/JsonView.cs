using System.Globalization;
using System.Text.Json;

namespace Platform.Ingress.Callbacks;

/// <summary>
/// Reads one JSON object of a callback the way Sinch writes them: <c>""</c> and <c>null</c> mean absent, unknown fields
/// are ignored, a field of the wrong type is a <see cref="CallbackFormatException"/> naming its path.
/// </summary>
internal readonly record struct JsonView(JsonElement Element, string Path)
{
    public static JsonView Root(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
            ? new JsonView(element, "$")
            : throw CallbackFormatException.WrongType("$", "an object");

    public bool Has(string name) => TryGet(name, out _);

    public string? String(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? NullIfEmpty(value.GetString())
            : throw CallbackFormatException.WrongType(PathOf(name), "a string");
    }

    public string RequiredString(string name) => String(name) ?? throw CallbackFormatException.Missing(PathOf(name));

    public JsonView? Object(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object
            ? new JsonView(value, PathOf(name))
            : throw CallbackFormatException.WrongType(PathOf(name), "an object");
    }

    public JsonView RequiredObject(string name) => Object(name) ?? throw CallbackFormatException.Missing(PathOf(name));

    /// <summary>Elements of an array field; an absent field is an empty array.</summary>
    public IEnumerable<JsonElement> Array(string name)
    {
        if (!TryGet(name, out var value))
        {
            return [];
        }

        return value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().ToList()
            : throw CallbackFormatException.WrongType(PathOf(name), "an array");
    }

    /// <summary>Objects of an array field, each with its own path.</summary>
    public IEnumerable<JsonView> Objects(string name)
    {
        var path = PathOf(name);
        return Array(name).Select((e, i) => e.ValueKind == JsonValueKind.Object
            ? new JsonView(e, $"{path}[{i}]")
            : throw CallbackFormatException.WrongType($"{path}[{i}]", "an object")).ToList();
    }

    /// <summary>Strings of an array field, empty ones left out.</summary>
    public IReadOnlyList<string> Strings(string name)
    {
        var path = PathOf(name);
        return Array(name).Select((e, i) => e.ValueKind == JsonValueKind.String
                ? e.GetString()
                : throw CallbackFormatException.WrongType($"{path}[{i}]", "a string"))
            .Where(s => !string.IsNullOrEmpty(s))
            .Select(s => s!)
            .ToList();
    }

    public bool? Bool(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw CallbackFormatException.WrongType(PathOf(name), "a boolean"),
        };
    }

    /// <summary>A number; proto3 JSON writes 64-bit integers as strings, so a numeric string is accepted too.</summary>
    public decimal? Decimal(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String &&
            decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw CallbackFormatException.WrongType(PathOf(name), "a number");
    }

    public double? Double(string name) => (double?)Decimal(name);

    public long? Long(string name)
    {
        var value = Decimal(name);
        return value is null ? null
            : decimal.IsInteger(value.Value) && value.Value is >= long.MinValue and <= long.MaxValue ? (long)value.Value
            : throw CallbackFormatException.WrongType(PathOf(name), "an integer");
    }

    /// <summary>A timestamp string, parsed leniently: an unreadable value counts as absent.</summary>
    public DateTimeOffset? Timestamp(string name) => SinchTimestamps.Parse(String(name));

    /// <summary>
    /// A field kept as JSON text: an object or array as written, a string as its content (Sinch sends some payloads
    /// as JSON inside a string).
    /// </summary>
    public string? Raw(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? NullIfEmpty(value.GetString()) : value.GetRawText();
    }

    public string PathOf(string name) => Path + "." + name;

    private bool TryGet(string name, out JsonElement value)
    {
        if (!Element.TryGetProperty(name, out value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        return value.ValueKind != JsonValueKind.String || value.GetString()!.Length > 0;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
