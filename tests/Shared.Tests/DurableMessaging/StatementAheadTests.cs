using System.Data.Common;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.DurableMessaging;
using Platform.Shared.Tests.DurableMessaging.Support;
using Platform.Testing;

namespace Platform.Shared.Tests.DurableMessaging;

/// <summary>A statement sent ahead of the next query shares its round trip, runs first, and stops it when it fails.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class StatementAheadTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task The_statement_runs_just_before_the_next_query_in_the_same_round_trip()
    {
        var database = await NewDatabase();
        var key = NewId.NextGuid();
        await using var scope = ServiceDbContext(database, out var db);
        var insert = new InsertEffect(key, NewId.NextGuid());
        var seen = 0;
        using (var roundTrips = new RoundTrips(database))
        {
            await DurableTransaction.RunAsync(db, async () =>
            {
                await db.Database.OpenConnectionAsync(); // the transaction's BEGIN goes out first; count only the query
                DurableTransaction.SendAheadOfNextQuery(db, insert);
                var before = roundTrips.Count;
                seen = await db.Set<Effect>().CountAsync(x => x.Key == key);
                Assert.Equal(1, roundTrips.Count - before);
            }, CancellationToken.None);
        }

        Assert.Equal(1, insert.Inserted); // read before the query's result
        Assert.Equal(1, seen); // the query saw the statement's row: it ran after it
    }

    [Fact]
    public async Task A_failing_statement_keeps_the_query_from_running_and_the_transaction_from_committing()
    {
        var database = await NewDatabase();
        var key = NewId.NextGuid();
        var existing = NewId.NextGuid();
        await using (var setup = DurableTestDbContext.Open(database))
        {
            setup.Add(new Effect { Id = existing, Key = key });
            await setup.SaveChangesAsync();
        }

        await using var scope = ServiceDbContext(database, out var db);
        var ran = false;
        var failure = await Assert.ThrowsAsync<PostgresException>(() => DurableTransaction.RunAsync(db, async () =>
        {
            db.Add(new Effect { Key = key });
            await db.SaveChangesAsync(); // an earlier write of the same transaction
            DurableTransaction.SendAheadOfNextQuery(db, new InsertEffect(key, existing)); // duplicate key
            await db.Set<Effect>().CountAsync(x => x.Key == key);
            ran = true;
        }, CancellationToken.None));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, failure.SqlState);
        Assert.False(ran);
        await using var check = DurableTestDbContext.Open(database);
        Assert.Equal(1, await check.Set<Effect>().CountAsync(x => x.Key == key));
    }

    private async Task<string> NewDatabase()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        return database;
    }

    /// <summary>A DbContext as a service gets it (<see cref="ServiceDatabaseExtensions.AddServiceDbContext"/>).</summary>
    private static AsyncServiceScope ServiceDbContext(string database, out DurableTestDbContext db)
    {
        var services = new ServiceCollection();
        services.AddServiceDbContext<DurableTestDbContext>(database);
        var scope = services.BuildServiceProvider().CreateAsyncScope();
        db = scope.ServiceProvider.GetRequiredService<DurableTestDbContext>();
        return scope;
    }

    /// <summary>Inserts an effect row and reads back how many rows it inserted.</summary>
    private sealed class InsertEffect(Guid key, Guid id) : IStatementAhead
    {
        public int Inserted { get; private set; }

        public NpgsqlBatchCommand CreateCommand()
        {
            var command = new NpgsqlBatchCommand("INSERT INTO \"Effects\" (\"Id\", \"Key\") VALUES (@id, @key) RETURNING 1");
            command.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
            command.Parameters.Add(new NpgsqlParameter<Guid>("key", key));
            return command;
        }

        public async Task Read(DbDataReader reader, CancellationToken cancellationToken)
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                Inserted++;
            }
        }
    }
}
