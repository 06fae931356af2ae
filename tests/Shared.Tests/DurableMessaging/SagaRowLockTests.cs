using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.DurableMessaging;
using Platform.DurableMessaging.Sagas;
using Platform.Shared.Tests.DurableMessaging.Support;
using Platform.Testing;

namespace Platform.Shared.Tests.DurableMessaging;

/// <summary>
/// The saga row lock reads the row without EF's query pipeline: what it hands the saga must be what a tracking EF query
/// would have handed it, for every shape of mapping, and the change tracker must see the saga's changes the same way.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class SagaRowLockTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static readonly DurableMessagingMetrics Metrics = UnobservedMetrics.Instance;

    public static TheoryData<bool> NullOrSet => new() { true, false };

    [Theory]
    [MemberData(nameof(NullOrSet))]
    public async Task A_locked_row_reads_back_exactly_as_entity_framework_reads_it(bool optionalValuesNull)
    {
        var database = await NewDatabase();
        var saved = Sample(optionalValuesNull);
        await Insert(database, saved);

        var locked = await InTransaction(database, db =>
        {
            Assert.NotNull(SagaRowReader<ShapedState>.TryCreate(db, ModelNames.For<ShapedState>(db))); // not the EF fallback
            return SagaRowLock<ShapedState>.Load(db, saved.CorrelationId, Metrics, CancellationToken.None);
        });

        await using var check = RowShapesDbContext.Open(database);
        var expected = await check.Set<ShapedState>().AsNoTracking().SingleAsync(x => x.CorrelationId == saved.CorrelationId);
        Assert.NotNull(locked);
        Assert.NotEqual(0u, expected.Version);
        Assert.Equivalent(expected, locked, strict: true);
    }

    [Fact]
    public async Task A_locked_row_is_tracked_unchanged_and_only_what_the_saga_changes_is_written()
    {
        var database = await NewDatabase();
        var saved = Sample(optionalValuesNull: false);
        await Insert(database, saved);

        var version = await InTransaction(database, async db =>
        {
            var instance = (await SagaRowLock<ShapedState>.Load(db, saved.CorrelationId, Metrics, CancellationToken.None))!;
            var entry = db.Entry(instance);
            Assert.Equal(EntityState.Unchanged, entry.State);
            Assert.False(db.ChangeTracker.HasChanges());

            // Changed in place: only the converter's comparer, snapshotted when the row was attached, can see it.
            instance.Attributes["tier"] = "gold";
            instance.EndedAt = null;
            db.ChangeTracker.DetectChanges();
            Assert.Equal(
                [nameof(ShapedState.Attributes), nameof(ShapedState.EndedAt)],
                entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name).Order());
            await DurableTransaction.SaveChangesAndCommitAsync(db, CancellationToken.None);
            return instance.Version;
        });

        await using var check = RowShapesDbContext.Open(database);
        var stored = await check.Set<ShapedState>().AsNoTracking().SingleAsync(x => x.CorrelationId == saved.CorrelationId);
        Assert.Equal("gold", stored.Attributes["tier"]);
        Assert.Null(stored.EndedAt);
        Assert.Equal(saved.Label, stored.Label);
        Assert.Equal(version, stored.Version); // EF read the new xmin back: the version guard keeps working
    }

    [Fact]
    public async Task An_instance_already_tracked_is_the_one_returned_and_a_missing_row_is_null()
    {
        var database = await NewDatabase();
        var saved = Sample(optionalValuesNull: false);
        await Insert(database, saved);

        await InTransaction(database, async db =>
        {
            var first = await SagaRowLock<ShapedState>.Load(db, saved.CorrelationId, Metrics, CancellationToken.None);
            first!.Count = 99;
            var second = await SagaRowLock<ShapedState>.Load(db, saved.CorrelationId, Metrics, CancellationToken.None);
            Assert.Same(first, second);
            Assert.Equal(99, second!.Count);
            Assert.Null(await SagaRowLock<ShapedState>.Load(db, NewId.NextGuid(), Metrics, CancellationToken.None));
            return 0;
        });
    }

    [Fact]
    public async Task A_second_transaction_waits_for_the_lock_and_then_reads_the_committed_row()
    {
        var database = await NewDatabase();
        var saved = Sample(optionalValuesNull: true);
        await Insert(database, saved);
        var firstLocked = new TaskCompletionSource();
        var releaseFirst = new TaskCompletionSource();

        var first = InTransaction(database, async db =>
        {
            var instance = (await SagaRowLock<ShapedState>.Load(db, saved.CorrelationId, Metrics, CancellationToken.None))!;
            firstLocked.SetResult();
            await releaseFirst.Task;
            instance.Count++;
            await DurableTransaction.SaveChangesAndCommitAsync(db, CancellationToken.None);
            return 0;
        });
        await firstLocked.Task;
        var second = InTransaction(database, async db =>
            (await SagaRowLock<ShapedState>.Load(db, saved.CorrelationId, Metrics, CancellationToken.None))!.Count);

        await LockWaits.UntilSomeoneWaits(database);
        Assert.False(second.IsCompleted);
        releaseFirst.SetResult();
        await first;
        Assert.Equal(saved.Count + 1, await second);
    }

    [Fact]
    public async Task A_shape_the_reader_does_not_build_is_read_by_entity_framework_with_the_same_lock()
    {
        var database = await NewDatabase();
        var id = NewId.NextGuid();
        await using (var db = RowShapesDbContext.Open(database))
        {
            var row = new ShadowedState { CorrelationId = id, Count = 1 };
            db.Add(row);
            db.Entry(row).Property("Note").CurrentValue = "kept";
            await db.SaveChangesAsync();
        }

        await InTransaction(database, async db =>
        {
            Assert.Null(SagaRowReader<ShadowedState>.TryCreate(db, ModelNames.For<ShadowedState>(db)));
            var instance = (await SagaRowLock<ShadowedState>.Load(db, id, Metrics, CancellationToken.None))!;
            Assert.Equal("kept", db.Entry(instance).Property("Note").CurrentValue);
            instance.Count++;
            await DurableTransaction.SaveChangesAndCommitAsync(db, CancellationToken.None);
            return 0;
        });

        await using var check = RowShapesDbContext.Open(database);
        var stored = await check.Set<ShadowedState>().AsNoTracking().SingleAsync(x => x.CorrelationId == id);
        Assert.Equal(2, stored.Count);
        Assert.Equal("kept", await check.Set<ShadowedState>().Where(x => x.CorrelationId == id).Select(x => EF.Property<string>(x, "Note")).SingleAsync());
    }

    [Fact]
    public async Task An_init_only_property_is_read_by_entity_framework_instead_of_failing()
    {
        var database = await NewDatabase();
        var id = NewId.NextGuid();
        await Insert(database, new InitOnlyState { CorrelationId = id, Origin = "webhook", Count = 1 });

        var loaded = await InTransaction(database, async db =>
        {
            Assert.Null(SagaRowReader<InitOnlyState>.TryCreate(db, ModelNames.For<InitOnlyState>(db)));
            return await SagaRowLock<InitOnlyState>.Load(db, id, Metrics, CancellationToken.None);
        });

        Assert.Equal("webhook", loaded!.Origin);
    }

    [Fact]
    public async Task A_query_filter_still_applies_to_the_locked_row()
    {
        var database = await NewDatabase();
        var archived = NewId.NextGuid();
        await Insert(database, new FilteredState { CorrelationId = archived, Archived = true });

        var loaded = await InTransaction(database, async db =>
        {
            Assert.Null(SagaRowReader<FilteredState>.TryCreate(db, ModelNames.For<FilteredState>(db)));
            return await SagaRowLock<FilteredState>.Load(db, archived, Metrics, CancellationToken.None);
        });

        Assert.Null(loaded); // as a tracking query over the same SQL would: the filter hides it
    }

    private static ShapedState Sample(bool optionalValuesNull) => new()
    {
        CorrelationId = NewId.NextGuid(),
        CurrentState = "Open",
        Label = optionalValuesNull ? null : "label",
        Count = 7,
        Total = optionalValuesNull ? null : 5_000_000_000,
        Flag = true,
        OwnerId = optionalValuesNull ? null : NewId.NextGuid(),
        StartedAt = new DateTimeOffset(2026, 12, 2, 10, 30, 15, 123, TimeSpan.Zero),
        EndedAt = optionalValuesNull ? null : new DateTimeOffset(2026, 12, 2, 11, 0, 0, TimeSpan.Zero),
        Priority = ShapedPriority.Urgent,
        Escalation = optionalValuesNull ? null : ShapedPriority.Low,
        Amount = 12.345m,
        Attributes = new Dictionary<string, string> { ["vip"] = "yes" },
        Tags = ["a", "b"],
    };

    private async Task<string> NewDatabase()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await using var db = RowShapesDbContext.Open(database);
        await db.Database.EnsureCreatedAsync();
        return database;
    }

    private static async Task Insert(string database, object row)
    {
        await using var db = RowShapesDbContext.Open(database);
        db.Add(row);
        await db.SaveChangesAsync();
    }

    private static async Task<T> InTransaction<T>(string database, Func<RowShapesDbContext, Task<T>> work)
    {
        await using var db = RowShapesDbContext.Open(database);
        return await DurableTransaction.RunAsync(db, () => work(db), CancellationToken.None);
    }
}
