using Microsoft.EntityFrameworkCore;
using Platform.Routing.Persistence;

namespace Platform.Routing.Rules;

/// <summary>What a rule looks at when a conversation is routed.</summary>
public sealed record RoutingFacts(
    string SinchAppId,
    string Channel,
    string? Text,
    IReadOnlyDictionary<string, string> ContactAttributes,
    IReadOnlyDictionary<string, string> AttachedData);

/// <summary>First match wins, by position; the default rule last (docs/routing.md, "Rules").</summary>
public static class RuleMatcher
{
    public static async Task<RoutingRule> FirstMatchAsync(RoutingDbContext db, RoutingFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rules = await db.Rules.AsNoTracking().OrderBy(r => r.IsDefault).ThenBy(r => r.Position).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken);
        return rules.FirstOrDefault(r => Matches(r, facts))
            ?? throw new InvalidOperationException("No default routing rule: the start-up seeding has not run.");
    }

    public static bool Matches(RoutingRule rule, RoutingFacts facts)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(facts);
        if (rule.IsDefault)
        {
            return true;
        }

        return (rule.SinchAppId is null || rule.SinchAppId == facts.SinchAppId)
            && (rule.Channel is null || string.Equals(rule.Channel, facts.Channel, StringComparison.OrdinalIgnoreCase))
            && (rule.TextContains is null || (facts.Text?.Contains(rule.TextContains, StringComparison.OrdinalIgnoreCase) ?? false))
            && AllEqual(rule.ContactAttributes, facts.ContactAttributes)
            && AllEqual(rule.AttachedData, facts.AttachedData);
    }

    private static bool AllEqual(Dictionary<string, string> wanted, IReadOnlyDictionary<string, string> actual) =>
        wanted.All(w => actual.TryGetValue(w.Key, out var value) && string.Equals(value, w.Value, StringComparison.OrdinalIgnoreCase));
}
