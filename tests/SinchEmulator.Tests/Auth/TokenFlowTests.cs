using System.Net;
using System.Net.Http.Headers;
using Platform.SinchEmulator.Tests.Support;

namespace Platform.SinchEmulator.Tests.Auth;

public sealed class TokenFlowTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private const string Unauthenticated =
        """{"error":{"code":401,"message":"Request had invalid credentials.","status":"UNAUTHENTICATED","details":[]}}""";

    private HttpClient Http => fixture.Emulator.Client.Http;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Basic_credentials_get_a_bearer_token_valid_for_an_hour()
    {
        using var response = await RequestTokenAsync(basic: EmulatorClient.BasicCredentials(), form: [new("grant_type", "client_credentials")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await EmulatorClient.ReadJsonAsync(response);
        Assert.Equal(3, token["access_token"]!.GetValue<string>().Split('.').Length);
        Assert.Equal("Bearer", token["token_type"]!.GetValue<string>());
        Assert.Equal(3600, token["expires_in"]!.GetValue<int>());
        Assert.Equal("", token["scope"]!.GetValue<string>());
    }

    [Fact]
    public async Task Form_credentials_get_a_token_too()
    {
        using var response = await RequestTokenAsync(basic: null, form:
        [
            new("grant_type", "client_credentials"),
            new("client_id", EmulatorFactory.KeyId),
            new("client_secret", EmulatorFactory.KeySecret),
        ]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Wrong_key_secret_is_refused_with_401()
    {
        using var response = await RequestTokenAsync(basic: EmulatorClient.BasicCredentials(keySecret: "wrong"),
            form: [new("grant_type", "client_credentials")]);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (await EmulatorClient.ReadJsonAsync(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Other_grant_types_are_refused_with_400()
    {
        using var response = await RequestTokenAsync(basic: EmulatorClient.BasicCredentials(), form: [new("grant_type", "password")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Missing_token_is_rejected_with_401_in_sinch_error_shape()
    {
        using var response = await Http.GetAsync(EmulatorClient.ProjectPath + "/apps");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(Unauthenticated, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_token_is_rejected_with_401()
    {
        using var response = await GetAppsAsync(new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJub25lIn0.eyJleHAiOjE3NDE5NDgwMTN9.c2ln"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("expired", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_token_is_rejected_with_401_and_a_challenge_saying_expired()
    {
        var token = await new EmulatorClient(Http).FetchTokenAsync();
        await new EmulatorClient(Http).ControlAsync(HttpMethod.Post, "/tokens/expire");

        using var response = await GetAppsAsync(new AuthenticationHeaderValue("Bearer", token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(Unauthenticated, await response.Content.ReadAsStringAsync());
        Assert.Contains("expired", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fresh_token_works_after_the_old_one_expired()
    {
        var client = new EmulatorClient(Http);
        await client.FetchTokenAsync();
        await client.ControlAsync(HttpMethod.Post, "/tokens/expire");

        using var response = await GetAppsAsync(new AuthenticationHeaderValue("Bearer", await client.FetchTokenAsync()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_expires_after_the_configured_lifetime()
    {
        await using var factory = new EmulatorFactory(new Dictionary<string, string?> { ["Emulator:TokenLifetimeSeconds"] = "1" });
        var http = factory.CreateClient();
        var token = await new EmulatorClient(http).FetchTokenAsync();

        var status = await Eventually.Until(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, EmulatorClient.ProjectPath + "/apps");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }, s => s == HttpStatusCode.Unauthorized, "the token to expire");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Basic_credentials_are_accepted_on_api_calls()
    {
        using var response = await GetAppsAsync(new AuthenticationHeaderValue("Basic", EmulatorClient.BasicCredentials()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Wrong_basic_credentials_are_rejected_with_401()
    {
        using var response = await GetAppsAsync(new AuthenticationHeaderValue("Basic", EmulatorClient.BasicCredentials(keySecret: "nope")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Another_project_is_refused_with_403()
    {
        var token = await new EmulatorClient(Http).FetchTokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/projects/00000000-0000-0000-0000-000000000000/apps");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("PERMISSION_DENIED", (await EmulatorClient.ReadJsonAsync(response))["error"]!["status"]!.GetValue<string>());
    }

    private async Task<HttpResponseMessage> RequestTokenAsync(string? basic, KeyValuePair<string, string>[] form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth2/token") { Content = new FormUrlEncodedContent(form) };
        if (basic is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }
        return await Http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> GetAppsAsync(AuthenticationHeaderValue authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, EmulatorClient.ProjectPath + "/apps");
        request.Headers.Authorization = authorization;
        return await Http.SendAsync(request);
    }
}
