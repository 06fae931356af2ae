using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.SinchEmulator.Tests.Support;

/// <summary>Talks to the emulator the way the platform's egress would: OAuth2 token, then Bearer on every call.</summary>
public sealed class EmulatorClient(HttpClient http)
{
    public const string ProjectPath = "/v1/projects/" + EmulatorFactory.ProjectId;

    private string? _token;

    public HttpClient Http => http;

    public static string BasicCredentials(string keyId = EmulatorFactory.KeyId, string keySecret = EmulatorFactory.KeySecret) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{keyId}:{keySecret}"));

    /// <summary>A reset forgets issued tokens, as a restarted Sinch region would not.</summary>
    public void ForgetToken() => _token = null;

    public async Task<string> FetchTokenAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth2/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", BasicCredentials());
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await ReadJsonAsync(response))["access_token"]!.GetValue<string>();
    }

    public async Task<HttpResponseMessage> CallAsync(HttpMethod method, string path, string? json = null)
    {
        _token ??= await FetchTokenAsync();
        using var request = new HttpRequestMessage(method, ProjectPath + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        if (json is not null)
        {
            request.Content = new StringContent(Fill(json), Encoding.UTF8, "application/json");
        }
        return await http.SendAsync(request);
    }

    public async Task<JsonObject> CallOkAsync(HttpMethod method, string path, string? json = null)
    {
        using var response = await CallAsync(method, path, json);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {path} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public Task<JsonObject> SendAsync(string json) => CallOkAsync(HttpMethod.Post, "/messages:send", json);

    public Task<JsonObject> SendTextAsync(string identity, string text = "Hello from the business", string extra = "") =>
        SendAsync("""
            {"app_id":"@app",
             "recipient":{"identified_by":{"channel_identities":[{"channel":"WHATSAPP","identity":"@identity"}]}},
             "message":{"text_message":{"text":"@text"}}@extra}
            """.Replace("@identity", identity, StringComparison.Ordinal)
            .Replace("@text", text, StringComparison.Ordinal)
            .Replace("@extra", extra, StringComparison.Ordinal));

    /// <summary>Request templates say @app for the seeded app id: plain raw strings read better than interpolated JSON.</summary>
    public static string Fill(string json) => json.Replace("@app", EmulatorFactory.AppId, StringComparison.Ordinal);

    public Task<JsonObject> CreateWebhookAsync(string target, string secret, params string[] triggers) =>
        CallOkAsync(HttpMethod.Post, "/webhooks", JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["app_id"] = EmulatorFactory.AppId,
            ["target"] = target,
            ["secret"] = secret,
            ["triggers"] = triggers,
        }));

    public async Task<JsonNode> ControlAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, "/emulator" + path);
        if (json is not null)
        {
            request.Content = new StringContent(Fill(json), Encoding.UTF8, "application/json");
        }
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} /emulator{path} answered {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? new JsonObject() : JsonNode.Parse(body)!;
    }

    public static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
}
