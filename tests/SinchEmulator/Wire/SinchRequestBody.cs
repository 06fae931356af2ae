using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.SinchEmulator.Wire;

/// <summary>
/// Reads a Sinch request body by hand so that malformed JSON gets Sinch's error shape,
/// not ASP.NET Core's problem details.
/// </summary>
internal static class SinchRequestBody
{
    public static async Task<(T? Value, JsonHttpResult<SinchErrorBody>? Error)> ReadAsync<T>(
        HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, SinchJson.Options, cancellationToken);
            return value is null
                ? (null, SinchErrors.InvalidArgument("body", "Request body is required"))
                : (value, null);
        }
        catch (JsonException exception)
        {
            return (null, SinchErrors.InvalidArgument(exception.Path ?? "body", "Malformed JSON: " + exception.Message));
        }
    }
}

/// <summary>The `{}` Sinch answers to delete and stop.</summary>
internal sealed record EmptyResponse;
