using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Console.Storage;
using Platform.Console.Users;
using Platform.Testing;

namespace Platform.Console.Tests;

/// <summary>The real console host on its own database: the initial admin, sign-in, anti-forgery and roles.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class SessionsTests : IAsyncLifetime
{
    private const string AdminPassword = "initial-admin-password";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly InfrastructureFixture infrastructure = new();
    private ServiceFactory<Program> console = null!;

    public async Task InitializeAsync()
    {
        await infrastructure.InitializeAsync();
        console = new ServiceFactory<Program>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:console"] = await infrastructure.CreateDatabaseAsync(),
            ["Console:Platform:BaseUrl"] = "http://127.0.0.1:9/",
            ["Console:Platform:ApiKey"] = "a-key-nobody-checks-here",
            ["Console:InitialAdmin:UserName"] = "Root",
            ["Console:InitialAdmin:Password"] = AdminPassword,
        });
    }

    public async Task DisposeAsync()
    {
        await console.DisposeAsync();
        await infrastructure.DisposeAsync();
    }

    [Fact]
    public async Task The_initial_admin_is_created_once_and_signs_in()
    {
        using var client = console.CreateClient(new() { HandleCookies = true, BaseAddress = new Uri("http://localhost/console/") });

        using var signedIn = await SendAsync(client, HttpMethod.Post, "api/session", new { userName = "root", password = AdminPassword });
        var session = await client.GetFromJsonAsync<JsonElement>(new Uri("api/session", UriKind.Relative), Json);

        Assert.Equal(HttpStatusCode.NoContent, signedIn.StatusCode);
        Assert.True(session.GetProperty("signedIn").GetBoolean());
        Assert.Equal("admin", session.GetProperty("role").GetString());
        await using var scope = console.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ConsoleDbContext>().Users.CountAsync(u => u.Role == ConsoleRoles.Admin));
    }

    [Fact]
    public async Task A_wrong_password_gets_a_401_problem_and_no_session()
    {
        using var client = console.CreateClient(new() { HandleCookies = true, BaseAddress = new Uri("http://localhost/console/") });

        using var refused = await SendAsync(client, HttpMethod.Post, "api/session", new { userName = "root", password = "guess" });

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("urn:platform:problem:console:invalid-credentials", (await refused.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("type").GetString());
        Assert.False((await client.GetFromJsonAsync<JsonElement>(new Uri("api/session", UriKind.Relative), Json)).GetProperty("signedIn").GetBoolean());
    }

    [Fact]
    public async Task A_state_changing_call_without_the_anti_forgery_token_is_refused()
    {
        using var client = console.CreateClient(new() { HandleCookies = true, BaseAddress = new Uri("http://localhost/console/") });
        using var _ = await client.GetAsync(new Uri("api/session", UriKind.Relative));

        using var forged = await client.PostAsJsonAsync(new Uri("api/session", UriKind.Relative), new { userName = "root", password = AdminPassword });

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("urn:platform:problem:console:invalid-antiforgery-token", (await forged.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Without_a_session_the_api_answers_401_and_an_admin_gets_403_on_the_agent_desk()
    {
        using var client = console.CreateClient(new() { HandleCookies = true, BaseAddress = new Uri("http://localhost/console/") });

        using var anonymous = await client.GetAsync(new Uri("api/apps", UriKind.Relative));
        using var signedIn = await SendAsync(client, HttpMethod.Post, "api/session", new { userName = "root", password = AdminPassword });
        using var desk = await client.GetAsync(new Uri("api/conversations", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, desk.StatusCode);
    }

    [Fact]
    public async Task The_page_is_served_as_it_is_with_a_content_security_policy()
    {
        using var client = console.CreateClient();

        using var page = await client.GetAsync(new Uri("/console/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<title>Platform console</title>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object body)
    {
        var token = (await client.GetFromJsonAsync<JsonElement>(new Uri("api/session", UriKind.Relative), Json)).GetProperty("antiforgeryToken").GetString();
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-CSRF-TOKEN", token);
        return await client.SendAsync(request);
    }
}
