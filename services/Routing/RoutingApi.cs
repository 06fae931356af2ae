using Platform.Routing.Agents;
using Platform.Routing.Bots;
using Platform.Routing.Conversations;
using Platform.Routing.Queues;
using Platform.Routing.Rules;

namespace Platform.Routing;

public static class RoutingApi
{
    /// <summary>Every API group of routing, under <c>/api/routing</c> (the gateway forwards it with API-key auth).</summary>
    public static IEndpointRouteBuilder MapRoutingApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapConversationsApi();
        app.MapRulesApi();
        app.MapBotsApi();
        app.MapQueuesApi();
        app.MapAgentsApi();
        return app;
    }
}
