using System.Data.Common;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.DurableMessaging.Sagas;

/// <summary>
/// Counts the instances of every saga stored in <typeparamref name="TDbContext"/> by state, once a minute, for the
/// <c>platform.sagas</c> gauge: conversations waiting in a queue or messages stuck in Submitted are what a platform team
/// watches and scales on. A saga is counted when its state machine keeps the state in a <c>CurrentState</c> property.
/// </summary>
internal sealed class SagaStateCounter<TDbContext>(IServiceScopeFactory scopes, DurableMessagingMetrics metrics, TimeProvider time) : BackgroundService
    where TDbContext : DbContext
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var counts = await CountAsync(scope.ServiceProvider.GetRequiredService<TDbContext>(), stoppingToken);
                foreach (var (saga, states) in counts)
                {
                    metrics.SetSagaCounts(saga, states);
                }
            }
            catch (Exception e) when (e is DbException or TimeoutException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                // The database is away: the gauge keeps its last counts until the next round.
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round: every saga's instances by state (saga type name, then state).</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>> CountAsync(DbContext db, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal);
        foreach (var saga in db.Model.GetEntityTypes().Where(e => typeof(SagaStateMachineInstance).IsAssignableFrom(e.ClrType)))
        {
            if (saga.FindProperty("CurrentState") is not { } state || saga.GetTableName() is not { } table)
            {
                continue;
            }

            var store = StoreObjectIdentifier.Table(table, saga.GetSchema());
            var from = saga.GetSchema() is { } schema ? $"\"{schema}\".\"{table}\"" : $"\"{table}\"";
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // table and column names come from the EF model, not from input
                command.CommandText = $"SELECT \"{state.GetColumnName(store)}\", count(*) FROM {from} GROUP BY 1";
#pragma warning restore CA2100
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    counts[reader.IsDBNull(0) ? "" : reader.GetString(0)] = reader.GetInt64(1);
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }

            result[saga.ClrType.Name] = counts;
        }

        return result;
    }
}
