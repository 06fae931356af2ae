using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Platform.DurableMessaging;

namespace Platform.Shared.Tests.DurableMessaging.Support;

/// <summary>
/// Saga rows of the shapes services map (nullable values, <see cref="DateTimeOffset"/>, enums stored as text, a
/// dictionary stored as JSON with its own comparer, xmin as the version), and shapes only EF's materialiser handles (a
/// shadow property, an init-only property, a query filter).
/// </summary>
public sealed class RowShapesDbContext(DbContextOptions<RowShapesDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddDurableMessaging(); // the inbox, for a claim that travels with the lock
        modelBuilder.Entity<ShapedState>(saga =>
        {
            saga.ToTable("shaped_state");
            saga.HasKey(x => x.CorrelationId);
            saga.Property(x => x.CorrelationId).ValueGeneratedNever();
            saga.Property(x => x.Version).IsRowVersion();
            saga.Property(x => x.Priority).HasConversion<string>().HasMaxLength(16);
            saga.Property(x => x.Attributes).HasConversion(
                    value => JsonSerializer.Serialize(value, (JsonSerializerOptions?)null),
                    json => JsonSerializer.Deserialize<Dictionary<string, string>>(json, (JsonSerializerOptions?)null) ?? new Dictionary<string, string>(),
                    new ValueComparer<Dictionary<string, string>>(
                        (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                        d => d.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
                        d => new Dictionary<string, string>(d)))
                .HasColumnType("text");
        });
        modelBuilder.Entity<ShadowedState>(saga =>
        {
            saga.HasKey(x => x.CorrelationId);
            saga.Property(x => x.CorrelationId).ValueGeneratedNever();
            saga.Property<string>("Note");
        });
        modelBuilder.Entity<InitOnlyState>(saga =>
        {
            saga.HasKey(x => x.CorrelationId);
            saga.Property(x => x.CorrelationId).ValueGeneratedNever();
        });
        modelBuilder.Entity<FilteredState>(saga =>
        {
            saga.HasKey(x => x.CorrelationId);
            saga.Property(x => x.CorrelationId).ValueGeneratedNever();
            saga.HasQueryFilter(x => !x.Archived);
        });
    }

    public static RowShapesDbContext Open(string connectionString) =>
        new(new DbContextOptionsBuilder<RowShapesDbContext>().UseNpgsql(connectionString).Options);
}

public enum ShapedPriority
{
    Low,
    Urgent,
}

public sealed class ShapedState : ISaga
{
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = "";

    public uint Version { get; set; }

    public string? Label { get; set; }

    public int Count { get; set; }

    public long? Total { get; set; }

    public bool Flag { get; set; }

    public Guid? OwnerId { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public ShapedPriority Priority { get; set; }

    public ShapedPriority? Escalation { get; set; }

    public decimal Amount { get; set; }

    public Dictionary<string, string> Attributes { get; set; } = [];

    public string[] Tags { get; set; } = [];
}

public sealed class ShadowedState : ISaga
{
    public Guid CorrelationId { get; set; }

    public int Count { get; set; }
}

public sealed class InitOnlyState : ISaga
{
    public Guid CorrelationId { get; set; }

    public string Origin { get; init; } = "";

    public int Count { get; set; }
}

public sealed class FilteredState : ISaga
{
    public Guid CorrelationId { get; set; }

    public bool Archived { get; set; }

    public int Count { get; set; }
}
