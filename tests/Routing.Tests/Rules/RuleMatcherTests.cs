using Platform.Routing.Rules;

namespace Platform.Routing.Tests.Rules;

public sealed class RuleMatcherTests
{
    private static readonly RoutingFacts Facts = new("app-1", "WHATSAPP", "I need an Invoice copy",
        new Dictionary<string, string> { ["tier"] = "gold" }, new Dictionary<string, string> { ["segment"] = "vip" });

    [Fact]
    public void A_rule_matches_when_every_condition_it_sets_matches() =>
        Assert.True(RuleMatcher.Matches(new RoutingRule
        {
            SinchAppId = "app-1",
            Channel = "whatsapp",
            TextContains = "invoice",
            ContactAttributes = new() { ["tier"] = "GOLD" },
            AttachedData = new() { ["segment"] = "vip" },
        }, Facts));

    [Theory]
    [InlineData("app-2", null, null, null)]
    [InlineData(null, "SMS", null, null)]
    [InlineData(null, null, "refund", null)]
    [InlineData(null, null, null, "silver")]
    public void One_condition_that_does_not_match_fails_the_rule(string? app, string? channel, string? text, string? tier)
    {
        var rule = new RoutingRule { SinchAppId = app, Channel = channel, TextContains = text };
        if (tier is not null)
        {
            rule.ContactAttributes["tier"] = tier;
        }

        Assert.False(RuleMatcher.Matches(rule, Facts));
    }

    [Fact]
    public void An_attached_data_key_the_message_lacks_fails_the_rule() =>
        Assert.False(RuleMatcher.Matches(new RoutingRule { AttachedData = new() { ["language"] = "fr" } }, Facts));

    [Fact]
    public void The_default_rule_matches_everything() =>
        Assert.True(RuleMatcher.Matches(new RoutingRule { IsDefault = true, SinchAppId = "other" }, Facts));
}
