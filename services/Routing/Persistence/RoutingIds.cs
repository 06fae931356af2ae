using Platform.Contracts;

namespace Platform.Routing.Persistence;

/// <summary>Fixed ids of what routing creates by itself, the same on every replica and every start.</summary>
public static class RoutingIds
{
    public static readonly Guid DefaultQueue = CorrelationIds.From("routing-default", "queue");
    public static readonly Guid DefaultRule = CorrelationIds.From("routing-default", "rule");
    public static readonly Guid DefaultBot = CorrelationIds.From("routing-default", "bot");
}
