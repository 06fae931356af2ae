using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Platform.Egress.Outbound;
using Platform.Egress.Tests.Support;
using Platform.Testing;

namespace Platform.Egress.Tests.Outbound;

/// <summary>
/// Sinch limits requests per project, not per replica: the per-app send rate is one budget that every egress replica
/// draws from (a window per app and second, counted in PostgreSQL).
/// </summary>
[Trait("Category", TestCategories.Integration)]
[Collection(EgressPlatformCollection.Name)]
public sealed class SendRateTests(EgressPlatform platform)
{
    [Fact]
    public async Task Two_replicas_share_one_budget_per_app_and_second_and_the_next_send_waits_for_the_next_second()
    {
        var appId = $"rate-{Guid.NewGuid():N}";
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 10, 0, 0, 100, TimeSpan.Zero));
        await using var database = NpgsqlDataSource.Create(platform.PostgresConnectionString);
        var options = Options.Create(new OutboundOptions { SendsPerSecondPerApp = 3 });
        var replicaA = new SendLedger(database, options, time);
        var replicaB = new SendLedger(database, options, time);

        await replicaA.AcquireRateAsync(appId, CancellationToken.None);
        await replicaB.AcquireRateAsync(appId, CancellationToken.None);
        await replicaA.AcquireRateAsync(appId, CancellationToken.None);
        var fourth = replicaB.AcquireRateAsync(appId, CancellationToken.None);

        // The fourth send of the second was counted and, over the budget, waits for the next window.
        await Eventually.TrueAsync(async () => await CountedAsync(database, appId) == 4, "the fourth send is counted in the shared window");
        Assert.False(fourth.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(1));
        await fourth.WaitAsync(Eventually.DefaultTimeout);
        Assert.Equal(1, await CountedAsync(database, appId, time.GetUtcNow()));
    }

    [Fact]
    public async Task Each_app_has_its_own_budget()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.Zero));
        await using var database = NpgsqlDataSource.Create(platform.PostgresConnectionString);
        var ledger = new SendLedger(database, Options.Create(new OutboundOptions { SendsPerSecondPerApp = 1 }), time);

        await ledger.AcquireRateAsync($"rate-{Guid.NewGuid():N}", CancellationToken.None);
        await ledger.AcquireRateAsync($"rate-{Guid.NewGuid():N}", CancellationToken.None).WaitAsync(Eventually.DefaultTimeout);
    }

    private static async Task<int> CountedAsync(NpgsqlDataSource database, string appId, DateTimeOffset? window = null)
    {
        await using var command = database.CreateCommand(
            "SELECT coalesce(sum(count), 0)::int FROM egress.send_rate_window WHERE app_id = @app AND (@window::timestamptz IS NULL OR window_start = date_trunc('second', @window::timestamptz))");
        command.Parameters.AddWithValue("app", appId);
        command.Parameters.Add(new NpgsqlParameter("window", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)window ?? DBNull.Value });
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
