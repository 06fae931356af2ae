namespace Platform.Egress.Tests.Support;

/// <summary>Settings egress cannot start without; the keys are test values that open nothing real.</summary>
public static class EgressTestSettings
{
    public const string CredentialsKey = "egress-tests-credentials-key-0123456789abcdef";
    public const string WebhookSecretsKey = "egress-tests-webhook-secrets-key-0123456789abcdef";

    /// <summary>
    /// For hosts started by shared scenarios that only pass connection strings: egress reads these from the environment
    /// as in production. Every egress test wants the same values, so setting them process-wide is harmless.
    /// </summary>
    public static void ApplyToEnvironment()
    {
        Environment.SetEnvironmentVariable("Egress__Apps__CredentialsKey", CredentialsKey);
        Environment.SetEnvironmentVariable("Egress__Apps__WebhookSecretsKey", WebhookSecretsKey);
        Environment.SetEnvironmentVariable("Egress__Apps__WebhookBaseUrl", "http://127.0.0.1:9/");
    }
}
