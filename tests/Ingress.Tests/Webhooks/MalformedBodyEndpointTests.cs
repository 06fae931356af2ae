using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;

namespace Platform.Ingress.Tests.Webhooks;

/// <summary>
/// Correctly signed but malformed bodies never get a 5xx (Sinch would retry a body that can never succeed): 400 problem
/// details for what is not JSON, 200 for JSON the platform cannot use.
/// </summary>
public sealed class MalformedBodyEndpointTests : IDisposable
{
    private readonly IngressApp _app = new();
    private readonly HttpClient _client;

    public MalformedBodyEndpointTests() => _client = _app.CreateClient();

    public void Dispose()
    {
        _client.Dispose();
        _app.Dispose();
    }

    private async Task<HttpStatusCode> PostAsync(byte[] body)
    {
        using var request = TestSigner.Request(body);
        using var response = await _client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Invalid_utf8_and_lone_surrogates_get_400_malformed_json()
    {
        foreach (var (kind, body) in MalformedBodies.InvalidStrings())
        {
            using var request = TestSigner.Request(body);
            using var response = await _client.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{kind}: {response.StatusCode}");
            var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
            Assert.Equal(Problems.MalformedJson, problem!.Type);
        }
    }

    [Fact]
    public async Task Every_structural_kind_of_malformed_body_gets_200_or_400()
    {
        foreach (var (kind, body) in MalformedBodies.Structural())
        {
            var status = await PostAsync(body);
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{kind}: {status}");
        }
    }

    [Fact]
    public async Task Random_mutations_of_valid_callbacks_get_200_or_400_only()
    {
        foreach (var (kind, body) in MalformedBodies.Random(1_000, seed: 4711))
        {
            var status = await PostAsync(body);
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{kind}: {status}");
        }
    }
}
