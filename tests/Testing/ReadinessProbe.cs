using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Platform.Testing;

/// <summary>Reads a service's <c>/health/ready</c> the way an orchestrator (or the gateway) does.</summary>
public static class ReadinessProbe
{
    /// <summary>The HTTP status and the per-check statuses.</summary>
    public static async Task<Readiness> ReadAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<ReadinessBody>();
        return new Readiness(
            (int)response.StatusCode,
            body?.Status ?? "",
            body?.Checks.ToDictionary(c => c.Key, c => c.Value.Status, StringComparer.Ordinal) ?? []);
    }

    /// <summary>Polls until the probe's answer satisfies <paramref name="accept"/>.</summary>
    public static Task<Readiness> WaitUntilAsync(HttpClient client, Func<Readiness, bool> accept, string what) =>
        Eventually.ReturnsAsync(() => ReadAsync(client), accept, what, TimeSpan.FromSeconds(60));

    private sealed record ReadinessBody(
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("checks")] Dictionary<string, CheckBody> Checks);

    private sealed record CheckBody([property: JsonPropertyName("status")] string Status);
}

/// <summary>One answer of <c>/health/ready</c>.</summary>
public sealed record Readiness(int HttpStatus, string Status, IReadOnlyDictionary<string, string> Checks)
{
    /// <summary>The status of one check, or <c>missing</c>.</summary>
    public string Check(string name) => Checks.TryGetValue(name, out var status) ? status : "missing";
}
