using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Platform.Benchmarks.Support;
using Platform.DurableMessaging;
using Platform.Testing;

namespace Platform.Benchmarks.DurableMessaging;

/// <summary>
/// The least database work a saga event inside the consumer outbox can cost, with no broker, no MassTransit and no EF:
/// bare Npgsql does what the repository does for one event (claim the inbox row and lock the instance row, then update
/// the instance and commit) in the fewest round trips that keep the guarantees (two: claim and lock in one batch,
/// update and commit in the next), with the service's connection settings, 8 tasks at a time, each on its own
/// instances (as the partitioner does). Its CPU per event, added to the in-memory run's, bounds the saga ratio on cores
/// that the service, PostgreSQL and RabbitMQ share: no repository of this design can do better here.
/// </summary>
internal static class BareSagaFloor
{
    private const int Instances = 48;
    private const int Workers = 8;

    public static async Task<(double PerSecond, CpuMeter.Reading Cpu, int Events)> Measure(int events)
    {
        var infrastructure = new InfrastructureFixture();
        await infrastructure.InitializeAsync();
        try
        {
            var database = ServiceDatabaseExtensions.WithServiceDefaults(infrastructure.PostgresConnectionString);
            Statements statements;
            await using (var db = new BenchDbContext(new DbContextOptionsBuilder<BenchDbContext>().UseNpgsql(database).Options))
            {
                await db.Database.EnsureCreatedAsync();
                statements = new Statements(db);
            }

            await using var source = NpgsqlDataSource.Create(database);
            var ids = Enumerable.Range(0, Instances).Select(_ => NewId.NextGuid()).ToArray();
            await using (var insert = source.CreateCommand(statements.Insert))
            {
                insert.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", ids));
                await insert.ExecuteNonQueryAsync();
            }

            // Warm: the statements are prepared after their second use and the JIT settles.
            await Run(source, statements, ids, events / 5);
            var cpu = new CpuMeter();
            var watch = Stopwatch.StartNew();
            await Run(source, statements, ids, events);
            return (events / watch.Elapsed.TotalSeconds, cpu.Elapsed, events);
        }
        finally
        {
            await infrastructure.DisposeAsync();
        }
    }

    private static Task Run(NpgsqlDataSource source, Statements statements, Guid[] ids, int events) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(async worker =>
        {
            var mine = ids.Where((_, i) => i % Workers == worker).ToArray();
            for (var i = 0; i < events / Workers; i++)
            {
                await Event(source, statements, mine[i % mine.Length]);
            }
        }));

    private static async Task Event(NpgsqlDataSource source, Statements statements, Guid id)
    {
        await using var connection = await source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted);
        int count;
        await using (var claimAndLock = new NpgsqlBatch(connection, transaction))
        {
            var claim = new NpgsqlBatchCommand(statements.Claim);
            var now = DateTime.UtcNow;
            claim.Parameters.Add(new NpgsqlParameter<Guid>("message_id", NewId.NextGuid()));
            claim.Parameters.Add(new NpgsqlParameter<Guid>("consumer_id", id));
            claim.Parameters.Add(new NpgsqlParameter<Guid>("lock_id", NewId.NextGuid()));
            claim.Parameters.Add(new NpgsqlParameter<DateTime>("now", NpgsqlDbType.TimestampTz) { TypedValue = now });
            claim.Parameters.Add(new NpgsqlParameter("expiration_time", NpgsqlDbType.TimestampTz) { Value = DBNull.Value });
            var load = new NpgsqlBatchCommand(statements.Lock);
            load.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
            claimAndLock.BatchCommands.Add(claim);
            claimAndLock.BatchCommands.Add(load);
            await using var reader = await claimAndLock.ExecuteReaderAsync();
            await reader.ReadAsync();
            await reader.NextResultAsync();
            await reader.ReadAsync();
            count = reader.GetInt32(reader.GetOrdinal(statements.CountColumn));
        }

        await using (var update = new NpgsqlBatch(connection, transaction))
        {
            var save = new NpgsqlBatchCommand(statements.Update);
            save.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
            save.Parameters.Add(new NpgsqlParameter<int>("count", count + 1));
            save.Parameters.Add(new NpgsqlParameter<string>("state", "Open"));
            update.BatchCommands.Add(save);
            update.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
            await update.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The repository's statements for <see cref="TallyState"/> and the inbox, with the names of the EF model.</summary>
    private sealed class Statements
    {
        public Statements(BenchDbContext db)
        {
            var tally = ModelNames.For<TallyState>(db);
            string T(string property) => tally.Column(property);
            CountColumn = T(nameof(TallyState.Count)).Trim('"');
            Insert = $"INSERT INTO {tally.Table} ({T(nameof(TallyState.CorrelationId))}, {T(nameof(TallyState.CurrentState))}, {T(nameof(TallyState.Count))}) " +
                     "SELECT id, 'Open', 0 FROM unnest(@ids) AS id";
            Lock = $"SELECT * FROM {tally.Table} WHERE {T(nameof(TallyState.CorrelationId))} = @id FOR UPDATE";
            Update = $"UPDATE {tally.Table} SET {T(nameof(TallyState.Count))} = @count, {T(nameof(TallyState.CurrentState))} = @state " +
                     $"WHERE {T(nameof(TallyState.CorrelationId))} = @id";
            Claim = Platform.DurableMessaging.Outbox.InboxStatements.For(db).ClaimSql; // exactly as the consumer outbox sends it
        }

        public string CountColumn { get; }

        public string Insert { get; }

        public string Claim { get; }

        public string Lock { get; }

        public string Update { get; }
    }
}
