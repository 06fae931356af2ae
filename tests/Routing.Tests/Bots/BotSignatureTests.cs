extern alias demobot;

using System.Text;
using Platform.Routing.Bots;

namespace Platform.Routing.Tests.Bots;

public sealed class BotSignatureTests
{
    private const string Secret = "a-bot-secret-of-some-length";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"conversationId\":\"x\"}");

    [Fact]
    public void The_demo_bot_accepts_what_routing_signs()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var signature = BotSignature.Sign(Secret, now.ToUnixTimeSeconds(), Body);

        Assert.StartsWith("sha256=", signature, StringComparison.Ordinal);
        Assert.True(demobot::Platform.DemoBot.Signature.IsValid(Secret, "1800000000", signature, Body, now, 300));
        Assert.True(BotSignature.Verify(Secret, "1800000000", signature, Body));
    }

    [Fact]
    public void A_changed_body_another_secret_or_a_stale_timestamp_is_refused()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var signature = BotSignature.Sign(Secret, now.ToUnixTimeSeconds(), Body);

        Assert.False(demobot::Platform.DemoBot.Signature.IsValid(Secret, "1800000000", signature, Encoding.UTF8.GetBytes("{}"), now, 300));
        Assert.False(demobot::Platform.DemoBot.Signature.IsValid("another-secret-entirely", "1800000000", signature, Body, now, 300));
        Assert.False(demobot::Platform.DemoBot.Signature.IsValid(Secret, "1800000000", signature, Body, now.AddMinutes(6), 300));
        Assert.False(BotSignature.Verify(Secret, "1800000001", signature, Body));
    }
}
