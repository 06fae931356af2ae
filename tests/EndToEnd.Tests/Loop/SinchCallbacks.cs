using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Testing;

namespace Platform.EndToEnd.Tests.Loop;

/// <summary>
/// Posts callbacks the emulator cannot produce (a DISPATCH-mode app's messages, a message accepted at a chosen time),
/// as Sinch would: a MESSAGE_INBOUND the emulator really sent is taken as the template, changed, signed with the
/// webhook's secret (read from the emulator's Sinch API, as its owner can) and posted to the webhook's target, i.e.
/// through the gateway to ingress.
/// </summary>
public sealed class SinchCallbacks(WholePlatform platform)
{
    private const string ProjectId = "5b1f3c2e-8d4a-4e6b-9f7a-2c3d4e5f6a7b";

    /// <summary>The emulator's MESSAGE_INBOUND callback of one message, as it was posted.</summary>
    public async Task<(JsonObject Body, string Target, string WebhookId)> InboundCallbackAsync(string sinchMessageId)
    {
        var attempt = await Eventually.ReturnsAsync(
            async () => (await platform.Emulator.GetFromJsonAsync<List<JsonElement>>(new Uri("/emulator/callbacks?trigger=MESSAGE_INBOUND", UriKind.Relative)))!
                .FirstOrDefault(a => a.GetProperty("body").GetString()!.Contains(sinchMessageId, StringComparison.Ordinal)),
            a => a.ValueKind == JsonValueKind.Object,
            "the emulator posted the message's callback");
        var body = JsonNode.Parse(attempt.GetProperty("body").GetString()!)!.AsObject();
        return (body, attempt.GetProperty("target").GetString()!, attempt.GetProperty("webhook_id").GetString()!);
    }

    /// <summary>Signs <paramref name="body"/> with the webhook's secret and posts it to the webhook's target.</summary>
    public async Task PostAsync(JsonObject body, string target, string webhookId)
    {
        ArgumentNullException.ThrowIfNull(body);
        var secret = await SecretAsync(webhookId);
        var raw = Encoding.UTF8.GetBytes(body.ToJsonString());
        var nonce = Guid.NewGuid().ToString("N");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var suffix = Encoding.UTF8.GetBytes("." + nonce + "." + timestamp);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), raw.Concat(suffix).ToArray()));

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target)) { Content = new ByteArrayContent(raw) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("x-sinch-webhook-signature", signature);
        request.Headers.Add("x-sinch-webhook-signature-nonce", nonce);
        request.Headers.Add("x-sinch-webhook-signature-timestamp", timestamp);
        request.Headers.Add("x-sinch-webhook-signature-algorithm", "HmacSHA256");
        using var client = new HttpClient();
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"the platform accepted the callback: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A new message id in Sinch's shape (a ULID: 26 Crockford base-32 characters).</summary>
    public static string NewMessageId()
    {
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        var bytes = RandomNumberGenerator.GetBytes(26);
        return string.Concat(bytes.Select(b => alphabet[b % 32]));
    }

    private async Task<string> SecretAsync(string webhookId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/v1/projects/{ProjectId}/webhooks/{webhookId}", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("emulator-key-id:emulator-key-secret")));
        using var response = await platform.Emulator.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
    }
}
