using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.SinchEmulator.Wire;

namespace Platform.SinchEmulator.Messages;

/// <summary>Shape rules for an AppMessage (docs/sinch-wire-format.md §5.2): exactly one kind, and what each kind needs.</summary>
internal static class AppMessageRules
{
    public static readonly IReadOnlyList<string> Kinds =
    [
        "text_message", "media_message", "choice_message", "card_message", "carousel_message",
        "location_message", "list_message", "contact_info_message", "template_message",
    ];

    private static readonly string[] ChoiceKinds =
    [
        "text_message", "url_message", "call_message", "location_message", "calendar_message", "share_location_message",
    ];

    public static string? KindOf(JsonObject message) => Kinds.FirstOrDefault(message.ContainsKey);

    public static void Validate(JsonObject message, string path, List<FieldViolation> violations)
    {
        var kinds = Kinds.Where(message.ContainsKey).ToList();
        if (kinds.Count != 1)
        {
            violations.Add(new(path, $"Exactly one message kind is required ({string.Join(", ", Kinds)})"));
            return;
        }
        var kind = kinds[0];
        var at = $"{path}.{kind}";
        if (message[kind] is not JsonObject content)
        {
            violations.Add(new(at, "Must be an object"));
            return;
        }

        switch (kind)
        {
            case "text_message":
                RequireText(content, "text", at, violations);
                break;
            case "media_message":
                RequireUrl(content, "url", at, violations);
                break;
            case "choice_message":
                RequireText(content["text_message"] as JsonObject, "text", $"{at}.text_message", violations);
                Choices(content, at, min: 1, max: 10, violations);
                break;
            case "card_message":
                Card(content, at, violations);
                break;
            case "carousel_message":
                var cards = content["cards"] as JsonArray;
                if (cards is null || cards.Count is 0 or > 10)
                {
                    violations.Add(new($"{at}.cards", "Between 1 and 10 cards are required"));
                }
                for (var i = 0; i < (cards?.Count ?? 0); i++)
                {
                    Card(cards![i] as JsonObject, $"{at}.cards[{i}]", violations);
                }
                Choices(content, at, min: 0, max: 3, violations);
                break;
            case "location_message":
                Location(content, at, violations);
                break;
            case "list_message":
                RequireText(content, "title", at, violations);
                var sections = content["sections"] as JsonArray;
                if (sections is null || sections.Count == 0)
                {
                    violations.Add(new($"{at}.sections", "At least one section is required"));
                }
                for (var i = 0; i < (sections?.Count ?? 0); i++)
                {
                    if ((sections![i] as JsonObject)?["items"] is not JsonArray { Count: > 0 })
                    {
                        violations.Add(new($"{at}.sections[{i}].items", "At least one item is required"));
                    }
                }
                break;
            case "contact_info_message":
                RequireText(content["name"] as JsonObject, "full_name", $"{at}.name", violations);
                if (content["phone_numbers"] is not JsonArray { Count: > 0 })
                {
                    violations.Add(new($"{at}.phone_numbers", "At least one phone number is required"));
                }
                break;
            case "template_message":
                Template(content, at, violations);
                break;
        }
    }

    /// <summary>Every media URL the channel would have to fetch before delivering.</summary>
    public static List<string> MediaUrls(JsonNode? node)
    {
        var urls = new List<string>();
        Collect(node, urls);
        return urls;

        static void Collect(JsonNode? node, List<string> urls)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        if (key is "media_message" && Text(value?["url"]) is { } url)
                        {
                            urls.Add(url);
                        }
                        else
                        {
                            Collect(value, urls);
                        }
                    }
                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Collect(item, urls);
                    }
                    break;
            }
        }
    }

    private static void Card(JsonObject? card, string at, List<FieldViolation> violations)
    {
        if (card is null)
        {
            violations.Add(new(at, "Must be an object"));
            return;
        }
        if (Text(card["title"]) is null && Text(card["description"]) is null && card["media_message"] is null)
        {
            violations.Add(new(at, "A card needs a title, a description or media"));
        }
        if (card["media_message"] is JsonObject media)
        {
            RequireUrl(media, "url", $"{at}.media_message", violations);
        }
        Choices(card, at, min: 0, max: 10, violations);
    }

    private static void Choices(JsonObject content, string at, int min, int max, List<FieldViolation> violations)
    {
        var choices = content["choices"] as JsonArray;
        var count = choices?.Count ?? 0;
        if (count < min || count > max)
        {
            violations.Add(new($"{at}.choices", $"Between {min} and {max} choices are allowed"));
        }
        for (var i = 0; i < count; i++)
        {
            if (choices![i] is not JsonObject choice || ChoiceKinds.Count(choice.ContainsKey) != 1)
            {
                violations.Add(new($"{at}.choices[{i}]", $"Exactly one of {string.Join(", ", ChoiceKinds)} is required"));
            }
        }
    }

    private static void Location(JsonObject content, string at, List<FieldViolation> violations)
    {
        var coordinates = content["coordinates"] as JsonObject;
        if (!IsNumber(coordinates?["latitude"]) || !IsNumber(coordinates?["longitude"]))
        {
            violations.Add(new($"{at}.coordinates", "latitude and longitude are mandatory numbers"));
        }
        RequireText(content, "title", at, violations);
    }

    private static void Template(JsonObject content, string at, List<FieldViolation> violations)
    {
        var omni = content["omni_template"] as JsonObject;
        var perChannel = content["channel_template"] as JsonObject;
        if (omni is null && (perChannel is null || perChannel.Count == 0))
        {
            violations.Add(new(at, "omni_template or channel_template is required"));
            return;
        }
        if (omni is not null)
        {
            RequireText(omni, "template_id", $"{at}.omni_template", violations);
            RequireText(omni, "version", $"{at}.omni_template", violations);
        }
        foreach (var (channel, reference) in perChannel ?? [])
        {
            RequireText(reference as JsonObject, "template_id", $"{at}.channel_template.{channel}", violations);
            if (channel == "WHATSAPP")
            {
                RequireText(reference as JsonObject, "language_code", $"{at}.channel_template.{channel}", violations);
            }
        }
    }

    private static void RequireText(JsonObject? parent, string field, string at, List<FieldViolation> violations)
    {
        if (string.IsNullOrEmpty(Text(parent?[field])))
        {
            violations.Add(new($"{at}.{field}", "Field is mandatory"));
        }
    }

    private static void RequireUrl(JsonObject? parent, string field, string at, List<FieldViolation> violations)
    {
        if (!Uri.TryCreate(Text(parent?[field]), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            violations.Add(new($"{at}.{field}", "Must be an absolute http(s) URL"));
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static bool IsNumber(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.Number;
}
