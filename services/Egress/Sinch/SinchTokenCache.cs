using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Platform.Egress.Sinch;

/// <summary>
/// OAuth2 client-credentials tokens, one per connection (docs/egress.md, "Tokens"): reused until
/// <see cref="SinchOptions.TokenRefreshMarginSeconds"/> before expiry; under load only one token request per connection
/// is in flight (the others wait for its result); a token Sinch rejected as expired is replaced once.
/// </summary>
public sealed class SinchTokenCache(IHttpClientFactory httpClients, IOptions<SinchOptions> options, TimeProvider time, ILogger<SinchTokenCache> logger)
{
    public const string HttpClientName = "sinch-auth";
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Token requests made, for tests and the benchmark.</summary>
    public int Requests => _requests;

    private int _requests;

    /// <summary>A valid token; <paramref name="rejected"/> is one Sinch just refused, which must not be handed out again.</summary>
    public async Task<string> GetAsync(SinchCredentials credentials, string? rejected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var entry = _entries.GetOrAdd(credentials.CacheKey, _ => new Entry());
        if (entry.Usable(rejected, time.GetUtcNow()) is { } token)
        {
            return token;
        }

        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have refreshed it while this one waited.
            if (entry.Usable(rejected, time.GetUtcNow()) is { } fresh)
            {
                return fresh;
            }

            var (value, expiresIn) = await RequestAsync(credentials, cancellationToken);
            var margin = TimeSpan.FromSeconds(Math.Min(options.Value.TokenRefreshMarginSeconds, expiresIn / 2));
            entry.Token = value;
            entry.RefreshAt = time.GetUtcNow() + TimeSpan.FromSeconds(expiresIn) - margin;
            logger.TokenFetched(credentials.AppId, expiresIn);
            return value;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>Forgets every token of an app (credentials updated or app disconnected).</summary>
    public void Forget(string appId)
    {
        foreach (var key in _entries.Keys.Where(k => k.StartsWith(appId + ":", StringComparison.Ordinal)))
        {
            _entries.TryRemove(key, out _);
        }
    }

    private async Task<(string Token, int ExpiresIn)> RequestAsync(SinchCredentials credentials, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Value.TokenUrl(credentials.Region))
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.ClientId}:{credentials.ClientSecret}")));
        HttpResponseMessage response;
        try
        {
            response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new SinchUnreachableException("Sinch's token endpoint did not answer.", e);
        }

        using (response)
        {
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest or HttpStatusCode.Forbidden)
            {
                throw new SinchCredentialsRejectedException($"Sinch's token endpoint refused the client id and secret ({(int)response.StatusCode}).");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw await SinchApiException.FromResponseAsync(response, time, cancellationToken);
            }

            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var token = body?["access_token"]?.GetValue<string>();
            if (string.IsNullOrEmpty(token))
            {
                throw new SinchApiException("Sinch's token endpoint answered without an access token.");
            }

            return (token, body?["expires_in"]?.GetValue<int>() ?? 3600);
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public string? Token { get; set; }

        public DateTimeOffset RefreshAt { get; set; }

        public string? Usable(string? rejected, DateTimeOffset now) =>
            Token is { } token && token != rejected && now < RefreshAt ? token : null;
    }
}
