using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Routing.Conversations;
using Platform.Routing.Rules;

namespace Platform.Routing.Persistence;

/// <summary>
/// Makes sure the default queue and the default rule exist (fixed ids, so replicas starting together agree): the rule
/// points at the configured default bot (the demo bot under <c>./platform up</c>) or else the default queue. The default
/// bot's address and secret follow the configuration on every start; the rule, once created, is managed through the API.
/// Runs after the migrations (registered after them) and before the bus starts.
/// </summary>
internal sealed class RoutingSeeder(IServiceScopeFactory scopes, IOptions<ConversationOptions> options) : IHostedService
{
    private const string EmptyMap = "{}";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RoutingDbContext>();
        var defaultBot = options.Value.DefaultBot;
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO routing.queues (\"Id\", \"Name\", \"IsDefault\") VALUES ({RoutingIds.DefaultQueue}, 'default', TRUE) ON CONFLICT DO NOTHING",
            cancellationToken);
        var hasBot = defaultBot.Url is { Length: > 0 };
        if (hasBot)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO routing.bots ("Id", "Name", "Url", "Secret", "TimeoutSeconds")
                VALUES ({RoutingIds.DefaultBot}, {defaultBot.Name ?? "Default bot"}, {defaultBot.Url}, {defaultBot.Secret ?? ""}, 10)
                ON CONFLICT ("Id") DO UPDATE SET "Url" = EXCLUDED."Url", "Secret" = EXCLUDED."Secret"
                """, cancellationToken);
        }

        var (kind, target) = hasBot ? (RuleTargets.Bot, RoutingIds.DefaultBot) : (RuleTargets.Queue, RoutingIds.DefaultQueue);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO routing.routing_rules ("Id", "Name", "Position", "IsDefault", "ContactAttributes", "AttachedData", "TargetKind", "TargetId")
            VALUES ({RoutingIds.DefaultRule}, 'default', 2147483647, TRUE, {EmptyMap}, {EmptyMap}, {kind}, {target})
            ON CONFLICT DO NOTHING
            """, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
