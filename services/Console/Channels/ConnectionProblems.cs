using System.Text.Json;

namespace Platform.Console.Channels;

/// <summary>
/// Turns egress's answer to a connect call into errors on the form's fields: the admin sees which field is wrong, not a
/// problem type. Egress's validation errors are keyed by property; its Sinch problems by type (docs/egress.md).
/// </summary>
public static class ConnectionProblems
{
    public static readonly string[] Fields = ["projectId", "appId", "clientId", "clientSecret", "region"];

    /// <summary>Field name → messages; a problem that belongs to no field goes under <c>""</c> (shown above the form).</summary>
    public static Dictionary<string, string[]> FieldErrors(JsonElement problem)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var type = problem.TryGetProperty("type", out var t) ? t.GetString() : null;
        var detail = problem.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        var title = problem.TryGetProperty("title", out var ti) && ti.ValueKind == JsonValueKind.String ? ti.GetString() : null;
        var message = detail ?? title ?? "The platform refused the connection.";

        if (problem.TryGetProperty("errors", out var validation) && validation.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in validation.EnumerateObject())
            {
                var field = Fields.FirstOrDefault(f => entry.Name.Equals(f, StringComparison.OrdinalIgnoreCase)
                    || entry.Name.EndsWith("." + f, StringComparison.OrdinalIgnoreCase)) ?? "";
                var messages = entry.Value.ValueKind == JsonValueKind.Array
                    ? entry.Value.EnumerateArray().Select(m => m.GetString() ?? "").Where(m => m.Length > 0).ToArray()
                    : [];
                errors[field] = [.. errors.GetValueOrDefault(field, []), .. messages];
            }

            return errors;
        }

        switch (type?[(type.LastIndexOf(':') + 1)..])
        {
            case "invalid-sinch-credentials":
                errors["clientId"] = ["Sinch did not accept this client id with this secret."];
                errors["clientSecret"] = ["Sinch did not accept this client secret for the client id."];
                break;
            case "sinch-app-not-found":
                errors["appId"] = [message];
                break;
            case "wrong-sinch-region":
                errors["region"] = [message];
                break;
            case "app-already-connected":
                errors["appId"] = ["This app is connected already."];
                break;
            default:
                errors[""] = [message];
                break;
        }

        return errors;
    }
}
