using System.Data.Common;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;
using Platform.DurableMessaging;
using Platform.Shared.Tests.DurableMessaging.Support;
using Platform.Testing;

namespace Platform.Shared.Tests.DurableMessaging;

/// <summary>
/// A durable transaction's last save carries its commit (one round trip instead of two) only when that cannot commit
/// something EF would then reject, and never before the save's last batch.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class CommitWithLastBatchTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task New_rows_are_saved_and_committed_in_one_batch()
    {
        var database = await NewDatabase();
        var key = NewId.NextGuid();
        var watch = await SaveAndCommit(database, db =>
        {
            db.Add(new Effect { Key = key });
            db.Add(new Effect { Key = key });
            return Task.CompletedTask;
        });

        Assert.Equal(0, watch.Commits);
        Assert.EndsWith("COMMIT;", watch.Commands[^1].TrimEnd());
        Assert.Equal(2, await CountEffects(database, key));
    }

    [Fact]
    public async Task A_row_updated_without_its_lock_is_committed_on_its_own_after_the_save()
    {
        var database = await NewDatabase();
        var key = NewId.NextGuid();
        var effect = await Insert(database, key);
        var watch = await SaveAndCommit(database, async db =>
        {
            // An update EF checks after the fact (it could match no row): committing with it could keep a write that
            // EF then reports as failed.
            var row = await db.Set<Effect>().SingleAsync(x => x.Id == effect);
            row.Key = NewId.NextGuid();
        });

        Assert.Equal(1, watch.Commits);
        Assert.DoesNotContain(watch.Commands, c => c.Contains("COMMIT", StringComparison.Ordinal));
        Assert.Equal(0, await CountEffects(database, key));
    }

    [Fact]
    public async Task A_row_updated_under_its_lock_is_committed_with_the_save()
    {
        var database = await NewDatabase();
        var key = NewId.NextGuid();
        var effect = await Insert(database, key);
        var watch = await SaveAndCommit(database, async db =>
        {
            var names = ModelNames.For<Effect>(db);
            var sql = "SELECT * FROM " + names.Table + " WHERE " + names.Column(nameof(Effect.Id)) + " = {0} FOR UPDATE";
            var row = await db.Set<Effect>().FromSqlRaw(sql, effect).SingleAsync();
            DurableTransaction.Locked(db, row);
            row.Key = NewId.NextGuid();
        });

        Assert.Equal(0, watch.Commits);
        Assert.Equal(0, await CountEffects(database, key));
    }

    [Fact]
    public async Task A_failing_statement_in_the_last_batch_commits_nothing_of_the_transaction()
    {
        var database = await NewDatabase();
        var key = NewId.NextGuid();
        var existing = await Insert(database, key);
        var (db, watch) = Open(database);
        await using (db)
        {
            await Assert.ThrowsAsync<DbUpdateException>(() => DurableTransaction.RunAsync(db, async () =>
            {
                db.Add(new Effect { Key = key });
                await db.SaveChangesAsync(); // an earlier write of the same transaction
                db.Add(new Effect { Key = key });
                db.Add(new Effect { Id = existing, Key = key }); // duplicate key
                await DurableTransaction.SaveChangesAndCommitAsync(db, CancellationToken.None);
            }, CancellationToken.None));

            // The DbContext's connection is usable again: the failed transaction was rolled back, not left open.
            Assert.Equal(1, await db.Set<Effect>().CountAsync(x => x.Key == key));
        }

        Assert.Contains(watch.Commands, c => c.TrimEnd().EndsWith("COMMIT;", StringComparison.Ordinal));
        Assert.Equal(1, await CountEffects(database, key));
    }

    [Fact]
    public async Task A_save_split_into_several_batches_commits_with_the_last_only()
    {
        var database = await NewDatabase();
        var key = NewId.NextGuid();
        // EF orders the inserts of a table by key: the largest key puts the duplicate in the last batch.
        var existing = await Insert(database, key, Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff"));
        var (db, watch) = Open(database, maxBatchSize: 2);
        await using (db)
        {
            // Five rows in batches of two: the duplicate in the third batch must undo the first two batches as well.
            await Assert.ThrowsAsync<DbUpdateException>(() => DurableTransaction.RunAsync(db, async () =>
            {
                for (var i = 0; i < 4; i++)
                {
                    db.Add(new Effect { Id = NewId.NextGuid(), Key = key });
                }

                db.Add(new Effect { Id = existing, Key = key });
                await DurableTransaction.SaveChangesAndCommitAsync(db, CancellationToken.None);
            }, CancellationToken.None));
        }

        Assert.Equal(3, watch.Commands.Count);
        Assert.Single(watch.Commands, c => c.Contains("COMMIT", StringComparison.Ordinal));
        Assert.Contains("COMMIT", watch.Commands[^1], StringComparison.Ordinal);
        Assert.Equal(1, await CountEffects(database, key));
    }

    [Fact]
    public async Task Without_the_batch_factory_the_save_commits_on_its_own()
    {
        var database = await NewDatabase();
        var key = NewId.NextGuid();
        var watch = new Watch();
        await using (var db = new DurableTestDbContext(new DbContextOptionsBuilder<DurableTestDbContext>()
                         .UseNpgsql(database).AddInterceptors(watch, watch.Transactions).Options))
        {
            await DurableTransaction.RunAsync(db, async () =>
            {
                db.Add(new Effect { Key = key });
                await DurableTransaction.SaveChangesAndCommitAsync(db, CancellationToken.None);
            }, CancellationToken.None);
        }

        Assert.Equal(1, watch.Commits);
        Assert.Equal(1, await CountEffects(database, key));
    }

    private async Task<string> NewDatabase()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        return database;
    }

    /// <summary>Runs <paramref name="change"/> in a durable transaction whose last save carries the commit.</summary>
    private static async Task<Watch> SaveAndCommit(string database, Func<DurableTestDbContext, Task> change)
    {
        var (db, watch) = Open(database);
        await using (db)
        {
            await DurableTransaction.RunAsync(db, async () =>
            {
                await change(db);
                await DurableTransaction.SaveChangesAndCommitAsync(db, CancellationToken.None);
            }, CancellationToken.None);
        }

        return watch;
    }

    /// <summary>A DbContext as a service gets it (<see cref="ServiceDatabaseExtensions.AddServiceDbContext"/>), watched.</summary>
    private static (DurableTestDbContext Db, Watch Watch) Open(string database, int? maxBatchSize = null)
    {
        var watch = new Watch();
        var services = new ServiceCollection();
        services.AddServiceDbContext<DurableTestDbContext>(database);
        services.ConfigureDbContext<DurableTestDbContext>(o =>
        {
            o.AddInterceptors(watch, watch.Transactions);
            if (maxBatchSize is { } size)
            {
                new NpgsqlDbContextOptionsBuilder(o).MaxBatchSize(size);
            }
        });
        var scope = services.BuildServiceProvider().CreateScope();
        return (scope.ServiceProvider.GetRequiredService<DurableTestDbContext>(), watch);
    }

    private static async Task<Guid> Insert(string database, Guid key, Guid? id = null)
    {
        await using var db = DurableTestDbContext.Open(database);
        var effect = new Effect { Id = id ?? NewId.NextGuid(), Key = key };
        db.Add(effect);
        await db.SaveChangesAsync();
        return effect.Id;
    }

    private static async Task<int> CountEffects(string database, Guid key)
    {
        await using var db = DurableTestDbContext.Open(database);
        return await db.Set<Effect>().CountAsync(x => x.Key == key);
    }

    /// <summary>The commands a DbContext ran and how many times it committed by a statement of its own.</summary>
    private sealed class Watch : DbCommandInterceptor
    {
        private readonly List<string> _commands = [];

        public Watch() => Transactions = new CommitCounter(this);

        public IReadOnlyList<string> Commands
        {
            get
            {
                lock (_commands)
                {
                    return [.. _commands];
                }
            }
        }

        public int Commits { get; private set; }

        public DbTransactionInterceptor Transactions { get; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        private void Record(DbCommand command)
        {
            // Only the saves: the writes this is about.
            if (command.CommandText.StartsWith("INSERT", StringComparison.Ordinal) || command.CommandText.StartsWith("UPDATE", StringComparison.Ordinal))
            {
                lock (_commands)
                {
                    _commands.Add(command.CommandText);
                }
            }
        }

        private sealed class CommitCounter(Watch watch) : DbTransactionInterceptor
        {
            public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
            {
                watch.Commits++;
                return Task.CompletedTask;
            }
        }
    }
}
