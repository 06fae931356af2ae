using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Testing;

/// <summary>RabbitMQ's management HTTP API, for what tests set up and inspect: virtual hosts, queues, messages.</summary>
public sealed class RabbitMqManagement : IDisposable
{
    private readonly HttpClient http;

    /// <summary>Creates a client for the API at <paramref name="baseAddress"/> (credentials in its user info).</summary>
    public RabbitMqManagement(Uri baseAddress, string virtualHost)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        VirtualHost = virtualHost;
        var credentials = Uri.UnescapeDataString(baseAddress.UserInfo);
        http = new HttpClient { BaseAddress = new Uri(baseAddress.GetLeftPart(UriPartial.Authority) + "/api/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
    }

    /// <summary>The virtual host that queue operations address.</summary>
    public string VirtualHost { get; }

    private string Vhost => Uri.EscapeDataString(VirtualHost);

    /// <summary>Creates the virtual host and gives the API's user full rights on it.</summary>
    public async Task CreateVirtualHostAsync(string user)
    {
        (await http.PutAsync($"vhosts/{Vhost}", null)).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"permissions/{Vhost}/{Uri.EscapeDataString(user)}", new { configure = ".*", write = ".*", read = ".*" }))
            .EnsureSuccessStatusCode();
    }

    /// <summary>Deletes the virtual host with every queue and connection in it.</summary>
    public async Task DeleteVirtualHostAsync()
    {
        using var response = await http.DeleteAsync($"vhosts/{Vhost}");
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>Messages ready in a queue, or null when the queue does not exist.</summary>
    public async Task<long?> GetQueueMessageCountAsync(string queue)
    {
        using var response = await http.GetAsync($"queues/{Vhost}/{Uri.EscapeDataString(queue)}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var info = await response.Content.ReadFromJsonAsync<QueueInfo>();
        return info?.Messages ?? 0;
    }

    /// <summary>Removes every ready message of a queue.</summary>
    public async Task PurgeQueueAsync(string queue)
    {
        using var response = await http.DeleteAsync($"queues/{Vhost}/{Uri.EscapeDataString(queue)}/contents");
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The queue's type (<c>classic</c>, <c>quorum</c>, <c>stream</c>), or null when it does not exist.</summary>
    public async Task<string?> GetQueueTypeAsync(string queue)
    {
        using var response = await http.GetAsync($"queues/{Vhost}/{Uri.EscapeDataString(queue)}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<QueueInfo>())?.Type;
    }

    /// <summary>Names of the queues and exchanges in the virtual host, to check what the bus declared.</summary>
    public async Task<IReadOnlyList<string>> GetExchangeNamesAsync()
    {
        var exchanges = await http.GetFromJsonAsync<List<NamedItem>>($"exchanges/{Vhost}") ?? [];
        return exchanges.Select(e => e.Name).ToList();
    }

    /// <summary>Queue names in the virtual host.</summary>
    public async Task<IReadOnlyList<string>> GetQueueNamesAsync()
    {
        var queues = await http.GetFromJsonAsync<List<NamedItem>>($"queues/{Vhost}") ?? [];
        return queues.Select(q => q.Name).ToList();
    }

    /// <summary>Reads up to <paramref name="count"/> messages without consuming them (they are requeued).</summary>
    public async Task<IReadOnlyList<PeekedMessage>> PeekMessagesAsync(string queue, int count = 10)
    {
        using var response = await http.PostAsJsonAsync(
            $"queues/{Vhost}/{Uri.EscapeDataString(queue)}/get",
            new { count, ackmode = "ack_requeue_true", encoding = "auto" });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<List<PeekedMessage>>() ?? [];
    }

    /// <summary>Closes every client connection to the virtual host, as a broker restart would.</summary>
    public async Task CloseConnectionsAsync()
    {
        var connections = await http.GetFromJsonAsync<List<NamedItem>>($"vhosts/{Vhost}/connections") ?? [];
        foreach (var connection in connections)
        {
            using var _ = await http.DeleteAsync($"connections/{Uri.EscapeDataString(connection.Name)}");
        }
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();

    private sealed record QueueInfo(
        [property: JsonPropertyName("messages")] long Messages,
        [property: JsonPropertyName("type")] string? Type);

    private sealed record NamedItem([property: JsonPropertyName("name")] string Name);
}

/// <summary>A message read from a queue through the management API.</summary>
public sealed record PeekedMessage(
    [property: JsonPropertyName("payload")] string Payload,
    [property: JsonPropertyName("properties")] JsonElement Properties)
{
    /// <summary>An AMQP header of the message as text, or null.</summary>
    public string? Header(string name) =>
        Properties.TryGetProperty("headers", out var headers) && headers.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;
}
