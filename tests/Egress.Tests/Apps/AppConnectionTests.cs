using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Contracts;
using Platform.Egress.Tests.Support;
using Platform.Testing;

namespace Platform.Egress.Tests.Apps;

[Trait("Category", TestCategories.Integration)]
[Collection(EgressPlatformCollection.Name)]
public sealed class AppConnectionTests(EgressPlatform platform)
{
    [Fact]
    public async Task A_connected_app_shows_its_channels_and_has_the_platforms_webhook_without_any_secret_in_the_answer()
    {
        var text = await platform.Egress.GetStringAsync(new Uri($"/api/egress/apps/{EgressPlatform.AppId}", UriKind.Relative));
        var app = JsonNode.Parse(text)!;

        Assert.Equal(["WHATSAPP", "SMS", "MESSENGER", "MMS", "INSTAGRAM"], app["channels"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("CONVERSATION", app["processingMode"]!.GetValue<string>());
        Assert.DoesNotContain(EgressPlatform.KeySecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret\"", text, StringComparison.OrdinalIgnoreCase);
        var webhooks = await SinchWebhooksAsync(EgressPlatform.AppId);
        var webhook = Assert.Single(webhooks);
        Assert.Equal(new Uri(platform.IngressAddress, $"/webhooks/sinch/{EgressPlatform.AppId}").ToString(), webhook["target"]!.GetValue<string>());
        Assert.Contains("MESSAGE_DELIVERY", webhook["triggers"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Contains(platform.Bus.Of<SinchAppConnected>(), e => e.SinchAppId == EgressPlatform.AppId && e.Channels.Contains("MMS"));
    }

    [Fact]
    public async Task A_customer_message_signed_with_the_new_secret_passes_ingress()
    {
        var sent = await platform.CustomerAsync("text", new { identity = "46700100001", text = "hello" });
        var id = sent["id"]!.GetValue<string>();

        await Eventually.TrueAsync(
            () => Task.FromResult(platform.Bus.Of<InboundMessageReceived>().Any(m => m.SinchMessageId == id)),
            "ingress verified the callback with the learned secret and published it");
    }

    [Fact]
    public async Task Rotating_the_secret_updates_the_webhook_in_place_and_ingress_follows()
    {
        var before = Assert.Single(await SinchWebhooksAsync(EgressPlatform.AppId))["id"]!.GetValue<string>();
        using var rotated = await platform.Egress.PostAsync(new Uri($"/api/egress/apps/{EgressPlatform.AppId}/webhook-secret:rotate", UriKind.Relative), null);
        rotated.EnsureSuccessStatusCode();

        Assert.Equal(before, Assert.Single(await SinchWebhooksAsync(EgressPlatform.AppId))["id"]!.GetValue<string>());
        var sent = await platform.CustomerAsync("text", new { identity = "46700100002", text = "after rotation" });
        var id = sent["id"]!.GetValue<string>();
        await Eventually.TrueAsync(
            () => Task.FromResult(platform.Bus.Of<InboundMessageReceived>().Any(m => m.SinchMessageId == id)),
            "a callback signed with the rotated secret passes ingress");
    }

    [Fact]
    public async Task A_disconnected_apps_webhook_is_deleted_and_ingress_refuses_its_callbacks()
    {
        using (var connected = await platform.ConnectAsync(EgressPlatform.SpareAppId, "us"))
        {
            Assert.Equal(HttpStatusCode.Created, connected.StatusCode);
        }

        await Eventually.TrueAsync(async () => await IngressStatusAsync(EgressPlatform.SpareAppId) == HttpStatusCode.Unauthorized,
            "ingress knows the app (a bad signature is refused as such, not as an unknown app)");

        using (var disconnected = await platform.Egress.DeleteAsync(new Uri($"/api/egress/apps/{EgressPlatform.SpareAppId}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, disconnected.StatusCode);
        }

        Assert.Empty(await SinchWebhooksAsync(EgressPlatform.SpareAppId));
        await Eventually.TrueAsync(async () => await IngressStatusAsync(EgressPlatform.SpareAppId) == HttpStatusCode.NotFound,
            "ingress refuses the disconnected app");
        using var gone = await platform.Egress.GetAsync(new Uri($"/api/egress/apps/{EgressPlatform.SpareAppId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory]
    [InlineData(EgressPlatform.EuAppId, "eu", "wrong-secret", 422, "invalid-sinch-credentials")]
    [InlineData("01JNOSUCHAPP00000000000000", "us", EgressPlatform.KeySecret, 422, "sinch-app-not-found")]
    [InlineData(EgressPlatform.EuAppId, "us", EgressPlatform.KeySecret, 422, "wrong-sinch-region")]
    [InlineData(EgressPlatform.EuAppId, "br", EgressPlatform.KeySecret, 502, "sinch-unreachable")]
    public async Task A_failed_connection_says_why(string appId, string region, string secret, int status, string problem)
    {
        using var response = await platform.ConnectAsync(appId, region, secret);

        Assert.Equal(status, (int)response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal($"urn:platform:problem:egress:{problem}", body!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Fields_that_cannot_be_right_are_named_in_a_validation_problem_before_sinch_is_asked()
    {
        using var response = await platform.Egress.PostAsJsonAsync(new Uri("/api/egress/apps", UriKind.Relative), new
        {
            projectId = "",
            appId = "not an id!",
            clientId = EgressPlatform.KeyId,
            clientSecret = EgressPlatform.KeySecret,
            region = "mars",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["AppId", "ProjectId", "Region"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Connecting_an_app_twice_is_a_conflict()
    {
        using var response = await platform.ConnectAsync(EgressPlatform.AppId, "us");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    private async Task<IReadOnlyList<JsonNode>> SinchWebhooksAsync(string appId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/v1/projects/{EgressPlatform.ProjectId}/apps/{appId}/webhooks", UriKind.Relative));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{EgressPlatform.KeyId}:{EgressPlatform.KeySecret}")));
        using var response = await platform.Emulator.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return [.. JsonNode.Parse(await response.Content.ReadAsStringAsync())!["webhooks"]!.AsArray().Select(w => w!)];
    }

    private async Task<HttpStatusCode> IngressStatusAsync(string appId)
    {
        using var content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        using var response = await platform.Ingress.PostAsync(new Uri($"/webhooks/sinch/{appId}", UriKind.Relative), content);
        return response.StatusCode;
    }
}
