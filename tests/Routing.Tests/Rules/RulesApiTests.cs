using System.Net;
using System.Net.Http.Json;
using Platform.Contracts;
using Platform.Routing.Persistence;
using Platform.Routing.Rules;
using Platform.Routing.Tests.Support;
using Platform.Testing;

namespace Platform.Routing.Tests.Rules;

[Trait("Category", TestCategories.Integration)]
public sealed class RulesApiTests(RoutingFixture fixture) : IClassFixture<RoutingFixture>
{
    private RoutingService Routing => fixture.Routing;

    [Fact]
    public async Task The_default_rule_exists_points_at_the_configured_bot_and_cannot_be_deleted_or_given_conditions()
    {
        var rules = await Routing.GetAsync<List<RuleResponse>>("/api/routing/rules");
        var rule = Assert.Single(rules, r => r.IsDefault);
        Assert.Equal(RuleTargets.Bot, rule.TargetKind);
        Assert.Equal(RoutingIds.DefaultBot, rule.TargetId);

        var delete = await Routing.Client.DeleteAsync(new Uri($"/api/routing/rules/{rule.Id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Contains("default-rule-fixed", await delete.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var conditions = await Routing.Client.PutAsJsonAsync($"/api/routing/rules/{rule.Id}",
            new RuleRequest("default", 0, "app-1", null, null, null, null, RuleTargets.Bot, RoutingIds.DefaultBot));
        Assert.Equal(HttpStatusCode.Conflict, conditions.StatusCode);
    }

    [Fact]
    public async Task A_rule_on_channel_and_attached_data_sends_matching_conversations_to_its_queue_and_others_to_the_default()
    {
        var queue = await Routing.CreateQueueAsync("vip");
        var create = await Routing.Client.PostAsJsonAsync("/api/routing/rules", new RuleRequest(
            "vip on messenger", 1, null, "MESSENGER", null, new Dictionary<string, string> { ["segment"] = "vip" }, null, RuleTargets.Queue, queue.Id));
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);

        var vip = Customers.Text("hi", Customers.NewConversation(), channel: "MESSENGER") with { Metadata = new Dictionary<string, string> { ["segment"] = "vip" } };
        var plain = Customers.Text("hi", Customers.NewConversation(), channel: "MESSENGER");
        await fixture.Peers.Publish(vip);
        await fixture.Peers.Publish(plain);

        var routed = await Routing.WaitForStateAsync(CorrelationIds.ForSinchConversation(vip.SinchConversationId!), "Queued");
        Assert.Equal(queue.Id, routed.QueueId);
        await Routing.WaitForStateAsync(CorrelationIds.ForSinchConversation(plain.SinchConversationId!), "BotHandling");
    }

    [Fact]
    public async Task A_rule_with_an_unknown_target_or_missing_name_is_refused_with_problem_details()
    {
        var unknown = await Routing.Client.PostAsJsonAsync("/api/routing/rules", new RuleRequest("x", 1, null, null, null, null, null, RuleTargets.Queue, Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        var invalid = await Routing.Client.PostAsJsonAsync("/api/routing/rules", new { position = 1, targetKind = "robot", targetId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var body = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("errors", body, StringComparison.Ordinal);
    }
}
