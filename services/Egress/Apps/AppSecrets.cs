using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Egress.Sinch;

namespace Platform.Egress.Apps;

/// <summary>
/// The two secret boxes: credentials at rest (egress's key only) and webhook secrets on the bus (the key egress shares
/// with ingress). Why two: a leak of the bus key exposes webhook secrets only, never the Sinch client secrets.
/// </summary>
public sealed class AppSecrets(IOptions<AppsOptions> options)
{
    private readonly SecretBox _atRest = new(options.Value.CredentialsKey, "egress-credentials");
    private readonly SecretBox _onBus = new(options.Value.WebhookSecretsKey, "webhook-secrets");

    public string SealCredential(string secret, string appId) => _atRest.Seal(secret, appId);

    public SinchCredentials CredentialsOf(SinchAppConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new SinchCredentials(connection.AppId, connection.ProjectId, connection.Region, connection.ClientId,
            _atRest.Open(connection.SealedClientSecret, connection.AppId));
    }

    public SinchAppWebhookSecretChanged SecretChanged(SinchAppConnection connection) => new()
    {
        SinchAppId = connection.AppId,
        EncryptedSecret = ForBus(connection),
        Version = connection.Version,
        ChangedAt = connection.UpdatedAt,
    };

    public WebhookSecretEntry Entry(SinchAppConnection connection) => new()
    {
        SinchAppId = connection.AppId,
        EncryptedSecret = connection.Connected ? ForBus(connection) : null,
        Version = connection.Version,
        Connected = connection.Connected,
    };

    private string ForBus(SinchAppConnection connection) =>
        _onBus.Seal(_atRest.Open(connection.SealedWebhookSecret, connection.AppId), connection.AppId);
}
