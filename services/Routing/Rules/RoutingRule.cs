using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Routing.Persistence;

namespace Platform.Routing.Rules;

/// <summary>
/// Where a new conversation goes. Rules are tried by ascending <see cref="Position"/>; the first whose every set
/// condition matches wins; the default rule (no conditions) always exists and is tried last (docs/routing.md, "Rules").
/// </summary>
public sealed class RoutingRule
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public int Position { get; set; }
    public bool IsDefault { get; set; }

    public string? SinchAppId { get; set; }
    public string? Channel { get; set; }

    /// <summary>Each entry must equal the contact's attribute (display name or attached data) of that key.</summary>
    public Dictionary<string, string> ContactAttributes { get; set; } = [];

    /// <summary>Each entry must equal the message's conversation metadata (attached data) of that key.</summary>
    public Dictionary<string, string> AttachedData { get; set; } = [];

    /// <summary>The message text must contain this, case-insensitively.</summary>
    public string? TextContains { get; set; }

    /// <summary><c>bot</c> or <c>queue</c>.</summary>
    public string TargetKind { get; set; } = "";
    public Guid TargetId { get; set; }
}

public static class RuleTargets
{
    public const string Bot = "bot";
    public const string Queue = "queue";
}

internal sealed class RoutingRuleConfiguration : IEntityTypeConfiguration<RoutingRule>
{
    public void Configure(EntityTypeBuilder<RoutingRule> builder)
    {
        builder.ToTable("routing_rules");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.Name).HasMaxLength(200);
        builder.Property(x => x.TargetKind).HasMaxLength(16);
        builder.Property(x => x.ContactAttributes).HasJsonConversion();
        builder.Property(x => x.AttachedData).HasJsonConversion();
        builder.HasIndex(x => x.IsDefault).IsUnique().HasFilter("\"IsDefault\"");
    }
}
