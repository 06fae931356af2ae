using System.Net;
using System.Text.Json.Nodes;

namespace Platform.Egress.Sinch;

/// <summary>Sinch answered with an error (Google-API style body; docs/egress.md, "Retries and rate"), or could not be reached.</summary>
public sealed class SinchApiException : Exception
{
    public SinchApiException()
    {
    }

    public SinchApiException(string message)
        : base(message)
    {
    }

    public SinchApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SinchApiException(HttpStatusCode statusCode, string? status, string message, IReadOnlyList<FieldViolation> violations, TimeSpan? retryAfter)
        : base(message)
    {
        StatusCode = statusCode;
        SinchStatus = status;
        FieldViolations = violations;
        RetryAfter = retryAfter;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>Sinch's canonical status, e.g. <c>INVALID_ARGUMENT</c>.</summary>
    public string? SinchStatus { get; }

    public IReadOnlyList<FieldViolation> FieldViolations { get; } = [];

    public TimeSpan? RetryAfter { get; }

    /// <summary>429 and 5xx: worth another try later.</summary>
    public bool IsTransient => StatusCode == HttpStatusCode.TooManyRequests || (int)StatusCode >= 500;

    /// <summary>Sinch's message plus every field violation, for a failure reason.</summary>
    public string Describe() => FieldViolations.Count == 0
        ? Message
        : $"{Message}: " + string.Join("; ", FieldViolations.Select(v => $"{v.Field}: {v.Description}"));

    internal static async Task<SinchApiException> FromResponseAsync(HttpResponseMessage response, TimeProvider time, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        string? status = null;
        var message = $"Sinch answered {(int)response.StatusCode}";
        var violations = new List<FieldViolation>();
        try
        {
            if (JsonNode.Parse(text)?["error"] is JsonObject error)
            {
                status = error["status"]?.GetValue<string>();
                message = error["message"]?.GetValue<string>() ?? message;
                foreach (var detail in error["details"]?.AsArray() ?? [])
                {
                    foreach (var violation in detail?["field_violations"]?.AsArray() ?? [])
                    {
                        violations.Add(new FieldViolation(
                            violation?["field"]?.GetValue<string>() ?? "",
                            violation?["description"]?.GetValue<string>() ?? ""));
                    }
                }
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not Sinch's error shape (a proxy's page, an empty body): the status code says enough.
        }
        catch (InvalidOperationException)
        {
            // A field of an unexpected JSON type: keep what was read.
        }

        return new SinchApiException(response.StatusCode, status, message, violations, RetryAfterOf(response, time));
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response, TimeProvider time)
    {
        if (response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        if (retryAfter.Delta is { } delta)
        {
            return delta;
        }

        return retryAfter.Date is { } date ? date - time.GetUtcNow() : null;
    }
}

/// <summary>One of Sinch's <c>field_violations</c>.</summary>
public sealed record FieldViolation(string Field, string Description);

/// <summary>Sinch could not be reached at all (connection refused, DNS, timeout).</summary>
public sealed class SinchUnreachableException : Exception
{
    public SinchUnreachableException()
    {
    }

    public SinchUnreachableException(string message)
        : base(message)
    {
    }

    public SinchUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The token endpoint refused the client id and secret.</summary>
public sealed class SinchCredentialsRejectedException : Exception
{
    public SinchCredentialsRejectedException()
    {
    }

    public SinchCredentialsRejectedException(string message)
        : base(message)
    {
    }

    public SinchCredentialsRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
