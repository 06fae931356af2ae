using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Routing.Agents;

/// <summary>A human agent: skills, capacity (concurrent conversations) and availability.</summary>
public sealed class Agent
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public List<string> Skills { get; set; } = [];
    public int Capacity { get; set; } = 1;

    /// <summary><c>available</c>, <c>away</c> or <c>offline</c>; only available agents get conversations.</summary>
    public string Status { get; set; } = AgentStatuses.Offline;

    /// <summary>Conversations assigned to the agent now; kept in the same transaction as each assignment change.</summary>
    public int ActiveConversations { get; set; }

    /// <summary>When the agent last got a conversation or became available: the longest idle goes first.</summary>
    public DateTimeOffset IdleSince { get; set; }
}

public static class AgentStatuses
{
    public const string Available = "available";
    public const string Away = "away";
    public const string Offline = "offline";

    public static bool IsKnown(string status) => status is Available or Away or Offline;
}

internal sealed class AgentConfiguration : IEntityTypeConfiguration<Agent>
{
    public void Configure(EntityTypeBuilder<Agent> builder)
    {
        builder.ToTable("agents");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.Name).HasMaxLength(200);
        builder.Property(x => x.Status).HasMaxLength(16);
        builder.HasIndex(x => new { x.Status, x.IdleSince });
    }
}
