namespace Platform.Ingress.Tests.Webhooks;

public class IngressOptionsTests
{
    private static Exception StartWith(Dictionary<string, string?> settings)
    {
        using var app = new IngressApp(settings);
        return Assert.ThrowsAny<Exception>(() => app.CreateClient());
    }

    [Fact]
    public async Task Service_without_any_app_starts_and_answers_404()
    {
        await using var app = new IngressApp(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "None" });
        using var client = app.CreateClient();
        using var response = await client.SendAsync(TestSigner.Request(CallbackSamples.Text()));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
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
