using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Routing.Bots;

/// <summary>A bot: an HTTPS endpoint that receives the conversation's messages, signed with <see cref="Secret"/>.</summary>
public sealed class Bot
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Url { get; set; } = "";

    /// <summary>HMAC-SHA256 key shared with the bot. Never logged, never returned by the API.</summary>
    public string Secret { get; set; } = "";
    public int TimeoutSeconds { get; set; } = 10;
}

internal sealed class BotConfiguration : IEntityTypeConfiguration<Bot>
{
    public void Configure(EntityTypeBuilder<Bot> builder)
    {
        builder.ToTable("bots");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.Name).HasMaxLength(200);
        builder.Property(x => x.Url).HasMaxLength(2000);
        builder.Property(x => x.Secret).HasMaxLength(500);
    }
}
