using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.SinchEmulator.Wire;

/// <summary>Google-API style error body (docs/sinch-wire-format.md §11).</summary>
internal sealed record SinchErrorBody(SinchError Error);

internal sealed record SinchError(int Code, string Message, string Status, IReadOnlyList<BadRequestDetail> Details);

internal sealed record BadRequestDetail(IReadOnlyList<FieldViolation> FieldViolations)
{
    [JsonPropertyName("@type"), JsonPropertyOrder(-1)]
    public string Type { get; init; } = "type.googleapis.com/google.rpc.BadRequest";
}

internal sealed record FieldViolation(string Field, string Description);

internal static class SinchErrors
{
    public static JsonHttpResult<SinchErrorBody> InvalidArgument(IReadOnlyList<FieldViolation> violations) =>
        Create(StatusCodes.Status400BadRequest, "INVALID_ARGUMENT", "Invalid argument",
            violations.Count == 0 ? [] : [new BadRequestDetail(violations)]);

    public static JsonHttpResult<SinchErrorBody> InvalidArgument(string field, string description) =>
        InvalidArgument([new FieldViolation(field, description)]);

    public static JsonHttpResult<SinchErrorBody> Unauthenticated() =>
        Create(StatusCodes.Status401Unauthorized, "UNAUTHENTICATED", "Request had invalid credentials.");

    public static JsonHttpResult<SinchErrorBody> PermissionDenied(string message) =>
        Create(StatusCodes.Status403Forbidden, "PERMISSION_DENIED", message);

    public static JsonHttpResult<SinchErrorBody> NotFound(string message) =>
        Create(StatusCodes.Status404NotFound, "NOT_FOUND", message);

    public static JsonHttpResult<SinchErrorBody> ResourceExhausted(string message) =>
        Create(StatusCodes.Status429TooManyRequests, "RESOURCE_EXHAUSTED", message);

    public static JsonHttpResult<SinchErrorBody> ForStatus(int statusCode, string message) => statusCode switch
    {
        400 => Create(statusCode, "INVALID_ARGUMENT", message),
        401 => Create(statusCode, "UNAUTHENTICATED", message),
        403 => Create(statusCode, "PERMISSION_DENIED", message),
        404 => Create(statusCode, "NOT_FOUND", message),
        429 => Create(statusCode, "RESOURCE_EXHAUSTED", message),
        501 => Create(statusCode, "UNIMPLEMENTED", message),
        503 => Create(statusCode, "UNAVAILABLE", message),
        _ => Create(statusCode, "INTERNAL", message),
    };

    private static JsonHttpResult<SinchErrorBody> Create(
        int code, string status, string message, IReadOnlyList<BadRequestDetail>? details = null) =>
        TypedResults.Json(new SinchErrorBody(new SinchError(code, message, status, details ?? [])),
            SinchJson.Options, statusCode: code);
}
