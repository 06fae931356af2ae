using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Egress.Outbound;

/// <summary>
/// The record written, and committed, before every call of <c>messages:send</c>: an attempt still in flight when the
/// command is handled again means a replica died (or timed out) between the call and its commit, so the outcome is
/// looked up at Sinch before any second call (docs/egress.md, "Exactly one send").
/// </summary>
public sealed class SendAttempt
{
    public Guid OutboundMessageId { get; set; }

    public string AppId { get; set; } = "";

    public bool InFlight { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>HTTP calls of messages:send made for this message (retries after 429/5xx included).</summary>
    public int Calls { get; set; }

    public string? SinchMessageId { get; set; }
}

/// <summary>One second of one app's sends across all replicas.</summary>
public sealed class SendRateWindow
{
    public string AppId { get; set; } = "";

    public DateTimeOffset WindowStart { get; set; }

    public int Count { get; set; }
}

internal sealed class SendAttemptMap : IEntityTypeConfiguration<SendAttempt>
{
    public void Configure(EntityTypeBuilder<SendAttempt> builder)
    {
        builder.ToTable("send_attempt");
        builder.HasKey(x => x.OutboundMessageId);
        builder.Property(x => x.OutboundMessageId).ValueGeneratedNever();
        builder.HasIndex(x => new { x.AppId, x.InFlight });
    }
}

internal sealed class SendRateWindowMap : IEntityTypeConfiguration<SendRateWindow>
{
    public void Configure(EntityTypeBuilder<SendRateWindow> builder)
    {
        builder.ToTable("send_rate_window");
        builder.HasKey(x => new { x.AppId, x.WindowStart });
    }
}
