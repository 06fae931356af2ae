using System.Security.Cryptography;
using MassTransit;
using Platform.Contracts;
using Platform.Ingress.Webhooks;

namespace Platform.Ingress.SinchApps;

/// <summary>Applies what this replica learns about connected apps to <see cref="WebhookSecrets"/>.</summary>
internal sealed class LearnedApps(WebhookSecrets secrets, WebhookSecretBox box, ReplicaIdentity replica, ILogger<LearnedApps> logger)
{
    public bool SnapshotReceived { get; private set; }

    public void Apply(string appId, string? encryptedSecret, long version, bool connected)
    {
        byte[]? key = null;
        if (connected)
        {
            try
            {
                key = box.Open(encryptedSecret ?? "", appId);
            }
            catch (Exception e) when (e is CryptographicException or FormatException)
            {
                // Wrong shared key or a tampered message: keep what we had rather than lock the app out.
                logger.SecretUnreadable(appId, version);
                return;
            }
        }

        if (secrets.Learn(appId, key, version))
        {
            logger.AppLearned(appId, version, connected);
        }
    }

    public void Merge(WebhookSecretsSnapshot snapshot)
    {
        foreach (var entry in snapshot.Apps)
        {
            Apply(entry.SinchAppId, entry.EncryptedSecret, entry.Version, entry.Connected);
        }

        SnapshotReceived = true;
    }

    public WebhookSecretsSnapshot Snapshot(Guid requestId, DateTimeOffset now) => new()
    {
        RequestId = requestId,
        Source = $"ingress:{replica.Name}",
        Apps = [.. secrets.Learned().Select(l => new WebhookSecretEntry
        {
            SinchAppId = l.AppId,
            EncryptedSecret = l.Key is null ? null : box.Seal(l.Key, l.AppId),
            Version = l.Version,
            Connected = l.Key is not null,
        })],
        TakenAt = now,
    };
}

internal sealed class LearnWebhookSecretConsumer(LearnedApps apps) : IConsumer<SinchAppWebhookSecretChanged>
{
    public Task Consume(ConsumeContext<SinchAppWebhookSecretChanged> context)
    {
        apps.Apply(context.Message.SinchAppId, context.Message.EncryptedSecret, context.Message.Version, connected: true);
        return Task.CompletedTask;
    }
}

internal sealed class ForgetSinchAppConsumer(LearnedApps apps) : IConsumer<SinchAppDisconnected>
{
    // A disconnection without a version (an older egress) still wins over everything known so far.
    public Task Consume(ConsumeContext<SinchAppDisconnected> context)
    {
        apps.Apply(context.Message.SinchAppId, null, context.Message.Version ?? long.MaxValue, connected: false);
        return Task.CompletedTask;
    }
}

internal sealed class MergeWebhookSecretsSnapshotConsumer(LearnedApps apps) : IConsumer<WebhookSecretsSnapshot>
{
    public Task Consume(ConsumeContext<WebhookSecretsSnapshot> context)
    {
        apps.Merge(context.Message);
        return Task.CompletedTask;
    }
}

/// <summary>Another replica asks: answer with what this one learned, so a replica starting while egress is down catches up.</summary>
internal sealed class AnswerWebhookSecretsRequestConsumer(LearnedApps apps, ReplicaIdentity replica, TimeProvider time)
    : IConsumer<WebhookSecretsSnapshotRequested>
{
    public async Task Consume(ConsumeContext<WebhookSecretsSnapshotRequested> context)
    {
        var snapshot = apps.Snapshot(context.Message.RequestId, time.GetUtcNow());
        if (context.Message.RequestedBy == replica.Name || snapshot.Apps.Count == 0)
        {
            return;
        }

        await context.Publish(snapshot);
    }
}
