using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Platform.Egress.Sinch;

/// <summary>
/// Calls the Conversation API of one app's region with a cached bearer token. A 401 whose <c>WWW-Authenticate</c> says
/// the token expired refreshes the token once and repeats the call (docs/egress.md, "Tokens"); any other non-2xx
/// becomes a <see cref="SinchApiException"/>, a failure to connect a <see cref="SinchUnreachableException"/>.
/// </summary>
public sealed class SinchClient(HttpClient http, SinchTokenCache tokens, IOptions<SinchOptions> options, TimeProvider time)
{
    public async Task<JsonNode?> SendAsync(
        SinchCredentials credentials,
        HttpMethod method,
        string path,
        JsonNode? body,
        CancellationToken cancellationToken,
        string? region = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var url = new Uri(options.Value.ConversationApiUrl(region ?? credentials.Region), $"v1/projects/{credentials.ProjectId}/{path}");
        var token = await tokens.GetAsync(credentials, rejected: null, cancellationToken);
        var response = await CallAsync(method, url, body, token, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized && TokenExpired(response))
        {
            response.Dispose();
            token = await tokens.GetAsync(credentials, rejected: token, cancellationToken);
            response = await CallAsync(method, url, body, token, cancellationToken);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await SinchApiException.FromResponseAsync(response, time, cancellationToken);
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
        }
    }

    private static bool TokenExpired(HttpResponseMessage response) =>
        response.Headers.WwwAuthenticate.ToString().Contains("expired", StringComparison.OrdinalIgnoreCase);

    private async Task<HttpResponseMessage> CallAsync(HttpMethod method, Uri url, JsonNode? body, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new SinchUnreachableException($"Sinch did not answer {method} {url.AbsolutePath}.", e);
        }
    }
}
