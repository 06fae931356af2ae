using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Platform.DurableMessaging.Outbox;
using Platform.Shared.Tests.DurableMessaging.Support;

namespace Platform.Shared.Tests.DurableMessaging;

/// <summary>
/// The inbox row of every message is updated twice or more (consumed, delivered, redelivered): those updates can only be
/// HOT (no new index entries, the new version on the same page) while no index of inbox_state covers or filters on a
/// column they change, and the page keeps room for the new versions.
/// </summary>
public sealed class InboxIndexTests
{
    private static readonly string[] ChangedAfterInsert =
    [
        nameof(InboxState.Consumed), nameof(InboxState.Delivered), nameof(InboxState.LastSequenceNumber),
        nameof(InboxState.ReceiveCount), nameof(InboxState.LockId),
    ];

    [Fact]
    public void No_index_of_inbox_state_covers_or_filters_on_a_column_its_updates_change()
    {
        var inbox = InboxEntity();
        var changedColumns = ChangedAfterInsert.Select(p => inbox.FindProperty(p)!.GetColumnName()).ToList();
        var indexes = inbox.GetIndexes().Select(i => (i.Name ?? i.GetDatabaseName(), Columns: i.Properties.Select(p => p.GetColumnName()), Filter: i.GetFilter()))
            .Concat(inbox.GetKeys().Select(k => (k.GetName(), Columns: k.Properties.Select(p => p.GetColumnName()), Filter: (string?)null)))
            .ToList();

        Assert.NotEmpty(indexes);
        foreach (var (name, columns, filter) in indexes)
        {
            Assert.DoesNotContain(columns, changedColumns.Contains);
            Assert.False(filter is not null && changedColumns.Any(c => filter.Contains(c, StringComparison.OrdinalIgnoreCase)),
                $"{name} filters on an updated column: {filter}");
        }
    }

    [Fact]
    public void Inbox_state_pages_keep_room_for_updated_versions() =>
        Assert.Equal(80, InboxEntity().FindAnnotation("Npgsql:StorageParameter:fillfactor")?.Value);

    [Fact]
    public void Cleanup_has_an_index_on_the_column_it_walks() =>
        Assert.Contains(InboxEntity().GetIndexes(), i => i.Properties.Select(p => p.Name).SequenceEqual([nameof(InboxState.Received)]));

    private static IEntityType InboxEntity()
    {
        // Building the model needs no server. The design-time model, which migrations are made from: the runtime one
        // drops what only the schema needs (index filters, storage parameters).
        using var db = new DurableTestDbContext(new DbContextOptionsBuilder<DurableTestDbContext>().UseNpgsql("Host=model-only").Options);
        return db.GetService<IDesignTimeModel>().Model.FindEntityType(typeof(InboxState))!;
    }
}
