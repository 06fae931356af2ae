using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Routing.Queues;

/// <summary>A queue of conversations waiting for agents, with its timers.</summary>
public sealed class AgentQueue
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public bool IsDefault { get; set; }

    /// <summary>Only agents with this skill get its conversations; null: every agent.</summary>
    public string? Skill { get; set; }

    /// <summary>Ends a conversation after this long without a message either way; null: the service default.</summary>
    public int? InactivitySeconds { get; set; }

    /// <summary>Sent this long before the inactivity end, when <see cref="InactivityWarningText"/> is set.</summary>
    public int? InactivityWarningSeconds { get; set; }
    public string? InactivityWarningText { get; set; }

    /// <summary>The assignee response timer: an assigned agent who has not replied within this goes; null: the default; 0: off.</summary>
    public int? ResponseSeconds { get; set; }
}

internal sealed class AgentQueueConfiguration : IEntityTypeConfiguration<AgentQueue>
{
    public void Configure(EntityTypeBuilder<AgentQueue> builder)
    {
        builder.ToTable("queues");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.Name).HasMaxLength(200);
        builder.HasIndex(x => x.Name).IsUnique();
        builder.Property(x => x.Skill).HasMaxLength(100);
        builder.HasIndex(x => x.IsDefault).IsUnique().HasFilter("\"IsDefault\"");
    }
}
