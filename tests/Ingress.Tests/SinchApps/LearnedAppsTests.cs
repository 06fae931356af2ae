using System.Net;
using System.Security.Cryptography;
using System.Text;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Testing;

namespace Platform.Ingress.Tests.SinchApps;

/// <summary>
/// Ingress learns connected apps from the bus (docs/egress.md, "Ingress learns apps"). The secrets are sealed here
/// exactly as egress seals them, which pins the shared format.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class LearnedAppsTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private const string Key = "ingress-tests-webhook-secrets-key-0123456789";

    [Fact]
    public async Task A_connected_app_is_verified_with_its_secret_and_refused_once_disconnected()
    {
        const string appId = "01JLEARNEDAPP0000000000001";
        await using var ingress = await StartAsync();
        using var client = ingress.CreateClient();
        var bus = ingress.Services.GetRequiredService<IBus>();

        await bus.Publish(new SinchAppWebhookSecretChanged { SinchAppId = appId, EncryptedSecret = Seal("learned-secret", appId), Version = 1, ChangedAt = DateTimeOffset.UtcNow });
        await Eventually.TrueAsync(async () => await PostAsync(client, appId, "learned-secret") == HttpStatusCode.OK, "the learned secret verifies callbacks");
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(client, appId, "another-secret"));

        await bus.Publish(new SinchAppDisconnected { SinchAppId = appId, DisconnectedAt = DateTimeOffset.UtcNow, Version = 2 });
        await Eventually.TrueAsync(async () => await PostAsync(client, appId, "learned-secret") == HttpStatusCode.NotFound, "the disconnected app is refused");

        await bus.Publish(new SinchAppWebhookSecretChanged { SinchAppId = appId, EncryptedSecret = Seal("stale-secret", appId), Version = 1, ChangedAt = DateTimeOffset.UtcNow });
        await bus.Publish(new SinchAppWebhookSecretChanged { SinchAppId = appId, EncryptedSecret = Seal("newest-secret", appId), Version = 3, ChangedAt = DateTimeOffset.UtcNow });
        await Eventually.TrueAsync(async () => await PostAsync(client, appId, "newest-secret") == HttpStatusCode.OK, "a newer connection is learned again");
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(client, appId, "stale-secret"));
    }

    [Fact]
    public async Task A_replica_started_later_learns_the_apps_from_another_replica_while_egress_is_down()
    {
        const string appId = "01JLEARNEDAPP0000000000002";
        await using var first = await StartAsync();
        using var firstClient = first.CreateClient();
        await first.Services.GetRequiredService<IBus>().Publish(new SinchAppWebhookSecretChanged
        {
            SinchAppId = appId,
            EncryptedSecret = Seal("shared-secret", appId),
            Version = 5,
            ChangedAt = DateTimeOffset.UtcNow,
        });
        await Eventually.TrueAsync(async () => await PostAsync(firstClient, appId, "shared-secret") == HttpStatusCode.OK, "the first replica learned the app");

        await using var later = await StartAsync();
        using var laterClient = later.CreateClient();

        await Eventually.TrueAsync(async () => await PostAsync(laterClient, appId, "shared-secret") == HttpStatusCode.OK,
            "the later replica learned the app from the first one's answer to its snapshot request");
    }

    [Fact]
    public async Task A_secret_sealed_with_another_key_is_ignored()
    {
        const string appId = "01JLEARNEDAPP0000000000003";
        await using var ingress = await StartAsync();
        using var client = ingress.CreateClient();
        var bus = ingress.Services.GetRequiredService<IBus>();

        await bus.Publish(new SinchAppWebhookSecretChanged { SinchAppId = appId, EncryptedSecret = Seal("x", appId, "some-other-key-0123456789abcdef0123456789"), Version = 1, ChangedAt = DateTimeOffset.UtcNow });
        await bus.Publish(new SinchAppWebhookSecretChanged { SinchAppId = appId, EncryptedSecret = Seal("good", appId), Version = 2, ChangedAt = DateTimeOffset.UtcNow });

        await Eventually.TrueAsync(async () => await PostAsync(client, appId, "good") == HttpStatusCode.OK, "the readable secret is used");
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(client, appId, "x"));
    }

    private async Task<IngressApp> StartAsync()
    {
        var app = new IngressApp(
            new Dictionary<string, string?>(IngressApp.Defaults) { ["Ingress:WebhookSecretsKey"] = Key },
            infrastructure.RabbitMqConnectionString);
        app.CreateClient().Dispose();
        await Eventually.TrueAsync(
            () => Task.FromResult(app.Services.GetRequiredService<IBusControl>().CheckHealth().Status == BusHealthStatus.Healthy),
            "the replica's queue is bound");
        return app;
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, string appId, string secret)
    {
        var body = CallbackSamples.Text().Replace(CallbackSamples.AppId, appId, StringComparison.Ordinal);
        using var request = TestSigner.Request(body, appId: appId, secret: secret);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Egress's sealing: AES-256-GCM, HKDF-SHA256 key, base64(nonce|ciphertext|tag), app id as associated data.</summary>
    private static string Seal(string secret, string appId, string passphrase = Key)
    {
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(passphrase), 32,
            salt: Encoding.UTF8.GetBytes("platform-secret-box"), info: Encoding.UTF8.GetBytes("webhook-secrets"));
        var data = Encoding.UTF8.GetBytes(secret);
        var output = new byte[12 + data.Length + 16];
        RandomNumberGenerator.Fill(output.AsSpan(0, 12));
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(output.AsSpan(0, 12), data, output.AsSpan(12, data.Length), output.AsSpan(12 + data.Length), Encoding.UTF8.GetBytes(appId));
        return Convert.ToBase64String(output);
    }
}
