using Microsoft.Extensions.Options;

namespace Platform.Ingress.Tests.Webhooks;

public class IngressOptionsTests
{
    private static Exception StartWith(Dictionary<string, string?> settings)
    {
        using var app = new IngressApp(settings);
        return Assert.ThrowsAny<Exception>(() => app.CreateClient());
    }

    [Fact]
    public void Start_fails_naming_the_setting_when_no_app_is_configured()
    {
        var e = StartWith(new() { ["Logging:LogLevel:Default"] = "None" });
        var failure = Assert.IsType<OptionsValidationException>(e);
        Assert.Contains("Ingress:Apps", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_fails_when_an_app_has_an_empty_secret()
    {
        var e = StartWith(new() { ["Ingress:Apps:01JAPP:WebhookSecret"] = " ", ["Logging:LogLevel:Default"] = "None" });
        Assert.Contains("Ingress:Apps:01JAPP:WebhookSecret is required", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_fails_on_an_out_of_range_limit_without_showing_secrets()
    {
        var e = StartWith(new()
        {
            ["Ingress:Apps:01JAPP:WebhookSecret"] = "very-secret-value",
            ["Ingress:MaxBodyBytes"] = "10",
            ["Logging:LogLevel:Default"] = "None",
        });
        Assert.Contains("MaxBodyBytes", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret-value", e.ToString(), StringComparison.Ordinal);
    }
}
